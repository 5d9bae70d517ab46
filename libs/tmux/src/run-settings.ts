import type { TmuxServiceOptions } from './tmux.types';

/** Timing and limits a command run uses (the service's options with defaults applied). */
export interface RunSettings {
  pollIntervalMs: number;
  interruptGraceMs: number;
  probeTimeoutMs: number;
  maxOutputBytes: number;
  clock: () => number;
}

export function runSettings(options: TmuxServiceOptions): RunSettings {
  return {
    pollIntervalMs: options.pollIntervalMs ?? 50,
    interruptGraceMs: options.interruptGraceMs ?? 2_000,
    probeTimeoutMs: options.probeTimeoutMs ?? 10_000,
    maxOutputBytes: options.maxOutputBytes ?? 8 * 1024 * 1024,
    clock: options.clock ?? Date.now,
  };
}
