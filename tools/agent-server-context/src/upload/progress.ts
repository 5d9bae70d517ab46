/** Where progress goes: stderr, or a test's buffer. */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export const PROGRESS_PREFIX = '[agent-server-build]';
const SPINNER = ['|', '/', '-', '\\'];

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
  return `${mm}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The build's progress on stderr. On a terminal, one line redrawn in place (elapsed time,
 * status, the last log line, cut to the width); elsewhere (CI logs, files) plain lines: every
 * status change and every log line, each with the elapsed time.
 */
export class BuildProgress {
  private status = 'SUBMITTED';
  private lastLine = '';
  private frame = 0;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: TextSink,
    private readonly now: () => number = Date.now,
    private readonly startedAt = now(),
  ) {
    // The clock keeps moving while nothing arrives; redraw it every second.
    if (sink.isTTY) this.ticker = setInterval(() => this.draw(), 1000).unref();
  }

  private elapsed(): string {
    return formatElapsed(this.now() - this.startedAt);
  }

  setStatus(status: string): void {
    if (status === this.status) return;
    this.status = status;
    if (this.sink.isTTY) this.draw();
    else this.sink.write(`${PROGRESS_PREFIX} ${this.elapsed()} ${status}\n`);
  }

  logLine(line: string): void {
    if (this.sink.isTTY) {
      this.lastLine = line.trim() || this.lastLine;
      this.draw();
    } else {
      this.sink.write(`${PROGRESS_PREFIX} ${this.elapsed()} | ${line}\n`);
    }
  }

  /** A message of its own (not a build log line): printed in full on its own line. */
  note(message: string): void {
    this.clear();
    this.sink.write(`${PROGRESS_PREFIX} ${message}\n`);
    if (this.sink.isTTY) this.draw();
  }

  /** Stops redrawing and leaves the final message on its own line. */
  finish(message: string): void {
    if (this.ticker) clearInterval(this.ticker);
    this.clear();
    this.sink.write(`${PROGRESS_PREFIX} ${this.elapsed()} ${message}\n`);
  }

  private clear(): void {
    if (this.sink.isTTY) this.sink.write('\r\x1b[2K');
  }

  private draw(): void {
    this.frame = (this.frame + 1) % SPINNER.length;
    const head = `${PROGRESS_PREFIX} ${SPINNER[this.frame]} ${this.elapsed()} ${this.status.padEnd(8)}`;
    const room = Math.max((this.sink.columns ?? 80) - head.length - 4, 0);
    const tail =
      this.lastLine.length > room
        ? `${this.lastLine.slice(0, Math.max(room - 1, 0))}…`
        : this.lastLine;
    this.sink.write(`\r\x1b[2K${head}${tail ? ` | ${tail}` : ''}`);
  }
}
