import type { FollowHandlers } from './follow-build';
import { CLEAR_LINE, formatElapsed, type TextSink } from './text-sink';

export interface ProgressOptions {
  /** Starts every line, e.g. `[agent-server-build]`. */
  prefix?: string;
  now?: () => number;
}

export const DEFAULT_BUILD_PREFIX = '[build]';
const SPINNER = ['|', '/', '-', '\\'];
const NOT_STARTED = new Set(['SUBMITTED', 'QUEUED']);

/**
 * A build's progress on stderr. On a terminal, one line redrawn in place (elapsed time,
 * status, the last log line, cut to the width); elsewhere (CI logs, files) plain lines: every
 * status change and every log line, each with the elapsed time.
 */
export class BuildProgress {
  private status = 'SUBMITTED';
  private lastLine = '';
  private frame = 0;
  private ticker: NodeJS.Timeout | undefined;
  private readonly prefix: string;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(
    private readonly sink: TextSink,
    options: ProgressOptions = {},
  ) {
    this.prefix = options.prefix ?? DEFAULT_BUILD_PREFIX;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    // The clock keeps moving while nothing arrives; redraw it every second.
    if (sink.isTTY) this.ticker = setInterval(() => this.draw(), 1000).unref();
  }

  /** For `followBuild`: statuses, log lines and notes go here. */
  get handlers(): FollowHandlers {
    return {
      onStatus: (status) => this.setStatus(status),
      onLogLine: (line) => this.logLine(line),
      onNote: (message) => this.note(message),
    };
  }

  setStatus(status: string): void {
    if (status === this.status) return;
    this.status = status;
    if (this.sink.isTTY) this.draw();
    else this.sink.write(`${this.prefix} ${this.elapsed()} ${status}\n`);
  }

  logLine(line: string): void {
    // Only a worker that started the build writes its log: a build this fast may finish between
    // two status polls, and its progress should still say it worked rather than jump from QUEUED.
    if (NOT_STARTED.has(this.status)) this.setStatus('WORKING');
    if (this.sink.isTTY) {
      this.lastLine = line.trim() || this.lastLine;
      this.draw();
    } else {
      this.sink.write(`${this.prefix} ${this.elapsed()} | ${line}\n`);
    }
  }

  /** A message of its own (not a build log line): printed in full on its own line. */
  note(message: string): void {
    this.clear();
    this.sink.write(`${this.prefix} ${message}\n`);
    if (this.sink.isTTY) this.draw();
  }

  /** Stops redrawing and leaves the final message on its own line. */
  finish(message: string): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.clear();
    this.sink.write(`${this.prefix} ${this.elapsed()} ${message}\n`);
  }

  private elapsed(): string {
    return formatElapsed(this.now() - this.startedAt);
  }

  private clear(): void {
    if (this.sink.isTTY) this.sink.write(CLEAR_LINE);
  }

  private draw(): void {
    this.frame = (this.frame + 1) % SPINNER.length;
    const head = `${this.prefix} ${SPINNER[this.frame]} ${this.elapsed()} ${this.status.padEnd(8)}`;
    const room = Math.max((this.sink.columns ?? 80) - head.length - 4, 0);
    const tail =
      this.lastLine.length > room
        ? `${this.lastLine.slice(0, Math.max(room - 1, 0))}…`
        : this.lastLine;
    this.sink.write(`${CLEAR_LINE}${head}${tail ? ` | ${tail}` : ''}`);
  }
}
