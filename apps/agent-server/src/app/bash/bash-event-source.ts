import type { BashEvent } from '@agentrt/contracts';

/** Live bash events for `/sockets/bash-events`; implemented by the bash module. */
export interface BashEventSource {
  /** Calls `listener` with every new bash event, in order; returns the unsubscribe function. */
  subscribe(listener: (event: BashEvent) => void): () => void;
  /** Events so far, oldest first (for `resend_mode=all`). */
  history(): readonly BashEvent[];
}

export const BASH_EVENT_SOURCE = Symbol('BASH_EVENT_SOURCE');
