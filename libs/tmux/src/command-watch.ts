import type { LiveSession } from './live-session';
import { type CommandMarker, MarkerScanner } from './marker';
import { OutputBuffer } from './output-buffer';
import { pause } from './pause';
import type { RunSettings } from './run-settings';
import type { SessionLog } from './session-log';
import { cleanTerminalOutput } from './terminal-text';
import type { TmuxRunResult } from './tmux.types';

/** Reads per pump at most this many chunks, so a flood of output cannot starve the checks. */
const MAX_READS_PER_PUMP = 16;
/** Checking that the pane is alive costs a tmux call, so it is done less often than polling. */
const LIVENESS_INTERVAL_MS = 500;

export type WaitOutcome = 'marker' | 'deadline' | 'aborted' | 'dead';

/** Follows one command's output in the session log until its marker shows up. */
export class CommandWatch {
  readonly scanner: MarkerScanner;
  private readonly output: OutputBuffer;
  private lastLivenessCheck: number;
  private deadStatus: number | undefined;

  constructor(
    private readonly session: LiveSession,
    private readonly log: SessionLog,
    marker: CommandMarker,
    private readonly settings: RunSettings,
  ) {
    this.scanner = new MarkerScanner(marker.token);
    this.output = new OutputBuffer(settings.maxOutputBytes);
    this.lastLivenessCheck = settings.clock();
  }

  async pump(): Promise<void> {
    for (let reads = 0; reads < MAX_READS_PER_PUMP; reads++) {
      const chunk = await this.log.read();
      if (!chunk) return;
      this.scanner.feed(chunk);
      this.output.append(chunk);
    }
  }

  /** Polls until marker `seq` appears, the deadline passes, `signal` aborts or the pane dies. */
  async waitFor(seq: number, deadline: number, signal?: AbortSignal): Promise<WaitOutcome> {
    for (;;) {
      await this.pump();
      if (this.scanner.has(seq)) return 'marker';
      if (signal?.aborted) return 'aborted';
      if (await this.paneDied()) {
        await this.pump();
        return 'dead';
      }
      if (this.settings.clock() >= deadline) return 'deadline';
      await pause(this.settings.pollIntervalMs, signal);
    }
  }

  /** The result so far; no marker means the shell never answered and is treated as gone. */
  result(timedOut: boolean): TmuxRunResult {
    const marker = this.scanner.first();
    return {
      output: cleanTerminalOutput(this.output.text(marker?.start)),
      exitCode: marker?.exitCode ?? this.deadStatus ?? -1,
      timedOut,
      cwd: marker?.cwd ?? this.session.cwd,
      shellExited: marker === undefined,
    };
  }

  private async paneDied(): Promise<boolean> {
    const now = this.settings.clock();
    if (now - this.lastLivenessCheck < LIVENESS_INTERVAL_MS) return false;
    this.lastLivenessCheck = now;
    if ((await this.session.paneState()) === 'alive') return false;
    this.deadStatus = await this.session.exitStatus();
    return true;
  }
}
