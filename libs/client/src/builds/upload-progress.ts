import { CLEAR_LINE, type TextSink } from './text-sink';

const BAR_WIDTH = 24;
const STEP_PERCENT = 10;

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/**
 * An upload's progress: on a terminal one bar redrawn in place (bytes sent of total and the
 * percentage); elsewhere a plain line at every 10 % step, so CI logs stay short.
 */
export class UploadProgress {
  private lastStep = -1;
  private lastPercent = -1;

  constructor(
    private readonly sink: TextSink,
    private readonly prefix = '[upload]',
  ) {}

  /** For `uploadBuild`'s `onUploadProgress`. */
  readonly update = (sent: number, total: number): void => {
    const percent = total > 0 ? Math.min(Math.floor((sent / total) * 100), 100) : 100;
    const sizes = `${mib(sent)}/${mib(total)} MiB`;
    if (this.sink.isTTY) {
      if (percent === this.lastPercent) return;
      this.lastPercent = percent;
      const filled = Math.round((percent / 100) * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
      this.sink.write(
        `${CLEAR_LINE}${this.prefix} uploading [${bar}] ${String(percent).padStart(3)}% ${sizes}`,
      );
      return;
    }
    const step = Math.floor(percent / STEP_PERCENT);
    if (step === this.lastStep) return;
    this.lastStep = step;
    this.sink.write(`${this.prefix} uploading ${step * STEP_PERCENT}% ${sizes}\n`);
  };

  /** Leaves the bar's line (on a terminal) with a final message. */
  finish(message: string): void {
    if (this.sink.isTTY) this.sink.write(CLEAR_LINE);
    this.sink.write(`${this.prefix} ${message}\n`);
  }
}
