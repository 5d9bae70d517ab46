import { type Gauge, Metrics } from '@agentrt/platform';
import { Injectable } from '@nestjs/common';

/** Which socket a subscriber listens on: a conversation's events, or the bash events. */
export type SocketKind = 'events' | 'bash_events';

/** `agentrt_websocket_subscribers{socket}`: open, subscribed sockets (no conversation ids). */
@Injectable()
export class SocketMetrics {
  private readonly subscribers: Gauge<'socket'>;

  constructor(metrics: Metrics) {
    this.subscribers = metrics.gauge<'socket'>({
      name: 'agentrt_websocket_subscribers',
      help: 'WebSocket subscribers currently attached, by socket',
      labels: ['socket'],
    });
    // Both series exist from the start, so a dashboard sees 0 rather than nothing.
    for (const socket of ['events', 'bash_events'] as const) this.subscribers.set({ socket }, 0);
  }

  /** Counts one subscriber until the returned function is called (once). */
  subscribed(socket: SocketKind): () => void {
    this.subscribers.inc({ socket });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.subscribers.dec({ socket });
    };
  }
}
