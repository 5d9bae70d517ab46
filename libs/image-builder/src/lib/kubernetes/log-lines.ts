import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { LogSink } from '../types';

// CSI/OSC escape sequences (colours, cursor moves) that RUN steps may print.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[@-_]/g;
const KEPT_LINES = 20;

/**
 * Receives the builder's raw log stream and hands `onLog` one clean line at a time (a `\r`
 * redraw counts as a line break), keeping the last lines as the reason of a failure.
 * `done` resolves when the stream ends, however it ends.
 */
export class LogLines extends Writable {
  readonly done: Promise<void>;
  private pending = '';
  // A chunk may end inside a multi-byte character; the decoder holds it for the next one.
  private readonly decoder = new StringDecoder('utf8');
  private readonly kept: string[] = [];

  constructor(private readonly onLog: LogSink) {
    super({ decodeStrings: true });
    this.done = new Promise((resolve) => {
      this.once('finish', resolve);
      this.once('close', resolve);
    });
  }

  /** The last lines seen (at most 20). */
  get lastLines(): readonly string[] {
    return this.kept;
  }

  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    const parts = (this.pending + this.decoder.write(chunk)).split(/\r\n|\r|\n/);
    this.pending = parts.pop() ?? '';
    for (const part of parts) this.emitLine(part);
    callback();
  }

  override _final(callback: () => void): void {
    this.emitLine(this.pending + this.decoder.end());
    this.pending = '';
    callback();
  }

  private emitLine(raw: string): void {
    const line = raw.replace(ANSI, '').trimEnd();
    if (line === '') return;
    this.kept.push(line);
    if (this.kept.length > KEPT_LINES) this.kept.shift();
    this.onLog(line);
  }
}
