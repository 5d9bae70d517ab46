import { Inject, Injectable } from '@nestjs/common';

export const CLOCK = Symbol('CLOCK');
/** Milliseconds since the epoch; injected so tests control time without global mocks. */
export type Clock = () => number;

/**
 * What runtime-api's idle reaper reads through `/server_info`: seconds since the last activity.
 * An API call is a moment of activity; a running agent turn or an open event subscriber is
 * activity for as long as it lasts.
 */
@Injectable()
export class ActivityTracker {
  private lastActivity: number;
  private ongoing = 0;

  constructor(@Inject(CLOCK) private readonly now: Clock) {
    this.lastActivity = now();
  }

  touch(): void {
    this.lastActivity = this.now();
  }

  /** Marks the start of lasting activity; call the returned function once when it ends. */
  begin(): () => void {
    this.ongoing += 1;
    this.touch();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.ongoing -= 1;
      this.touch();
    };
  }

  idleSeconds(): number {
    if (this.ongoing > 0) return 0;
    return Math.max(0, Math.floor((this.now() - this.lastActivity) / 1000));
  }
}
