import { randomBytes } from 'node:crypto';

/** Longest marker line kept while waiting for its end (`$PWD` can be up to PATH_MAX). */
const MAX_MARKER_LINE = 16 * 1024;

/** A marker line found in a command's output. */
export interface FoundMarker {
  seq: number;
  exitCode: number;
  cwd: string;
  /** Byte offset where the marker line (with the newline before it) starts. */
  start: number;
}

/**
 * The line a shell prints after each command: a random per-command token (so no program output
 * can fake it), a sequence number (the command itself is 0, later probes 1, 2, ...), `$?` and
 * `$PWD`. The trailer also turns terminal echo back off in case the command turned it on.
 */
export class CommandMarker {
  constructor(readonly token: string = randomBytes(12).toString('hex')) {}

  /** Shell code that prints marker `seq` with the status of whatever ran just before it. */
  trailer(seq: number): string {
    return (
      `__agentrt_rc=$?; command stty -echo 2>/dev/null; ` +
      `builtin printf '\\n__AGENTRT_${this.token}_${seq}__:%s:%s\\n' "$__agentrt_rc" "$PWD"; ` +
      `builtin unset __agentrt_rc`
    );
  }
}

/** Finds marker lines in a byte stream fed chunk by chunk (a marker may span chunks). */
export class MarkerScanner {
  private readonly pattern: RegExp;
  private readonly markers: FoundMarker[] = [];
  private carry = '';
  private carryStart = 0;

  constructor(token: string) {
    this.pattern = new RegExp(
      `\\r?\\n__AGENTRT_${token}_(\\d+)__:(-?\\d+):([^\\r\\n]*)\\r?\\n`,
      'g',
    );
  }

  feed(chunk: Buffer): void {
    // latin1 maps bytes 1:1 to characters, so string offsets are byte offsets.
    this.carry += chunk.toString('latin1');
    let consumed = 0;
    for (const match of this.carry.matchAll(this.pattern)) {
      this.markers.push({
        seq: Number(match[1]),
        exitCode: Number(match[2]),
        cwd: Buffer.from(match[3] ?? '', 'latin1').toString('utf8'),
        start: this.carryStart + match.index,
      });
      consumed = match.index + match[0].length;
    }
    const keepFrom = Math.max(consumed, this.carry.length - MAX_MARKER_LINE);
    this.carry = this.carry.slice(keepFrom);
    this.carryStart += keepFrom;
  }

  /** The earliest marker seen: where the command's own output ends. */
  first(): FoundMarker | undefined {
    return this.markers[0];
  }

  has(seq: number): boolean {
    return this.markers.some((marker) => marker.seq === seq);
  }
}
