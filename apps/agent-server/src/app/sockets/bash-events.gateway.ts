import type { IncomingMessage } from 'node:http';
import { BASH_EVENTS_SOCKET_PATH, type BashEvent, type EventSocketQuery } from '@agentrt/contracts';
import { Inject, Logger } from '@nestjs/common';
import { type OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { WebSocket } from 'ws';
import { SessionKeys } from '../auth/session-keys';
import { timestampMicros } from '../conversations/model/timestamps';
import { SocketMetrics } from '../metrics/socket-metrics';
import { ActivityTracker } from '../health/activity-tracker';
import { authenticateSocket } from './authenticate-socket';
import { BashEventStream } from './bash-event-stream';
import { ClientFrames } from './client-frames';
import { keepAlive } from './keep-alive';
import { serialized } from './replay';
import { MAX_CLIENT_FRAME_BYTES, SOCKET_LIMITS, type SocketLimits } from './socket-limits';
import { readSocketRequest } from './socket-request';
import { SocketSubscriber } from './socket-subscriber';

/**
 * `/sockets/bash-events`: bash commands and their output chunks as they happen, after the
 * requested history. Same auth and resend options as the event sockets; client frames are
 * ignored (commands are started over REST).
 */
@WebSocketGateway({ path: BASH_EVENTS_SOCKET_PATH, maxPayload: MAX_CLIENT_FRAME_BYTES })
export class BashEventsGateway implements OnGatewayConnection<WebSocket> {
  private readonly logger = new Logger(BashEventsGateway.name);

  constructor(
    private readonly keys: SessionKeys,
    private readonly stream: BashEventStream,
    private readonly activity: ActivityTracker,
    private readonly socketMetrics: SocketMetrics,
    @Inject(SOCKET_LIMITS) private readonly limits: SocketLimits,
  ) {}

  handleConnection(ws: WebSocket, request: IncomingMessage): void {
    const frames = new ClientFrames(ws);
    this.serve(ws, request, frames).catch((error: unknown) => {
      this.logger.error({ err: error }, 'bash event socket failed');
      ws.close(1011, 'Internal error');
    });
  }

  private async serve(ws: WebSocket, request: IncomingMessage, frames: ClientFrames) {
    const { keys, limits } = this;
    if (!(await authenticateSocket(ws, request, frames, keys, limits.authTimeoutMs))) return;
    const target = readSocketRequest(request, BASH_EVENTS_SOCKET_PATH);
    if (!target.ok) return ws.close(1008, target.reason);
    if (target.subject !== '') return ws.close(1008, 'Unknown path');
    if (ws.readyState !== WebSocket.OPEN) return;
    const subscriber = new SocketSubscriber(
      ws,
      limits.maxBufferedBytes,
      limits.replayHighWaterBytes,
    );
    const attached = this.stream.attach(subscriber);
    if (!attached) return ws.close(1011, 'Bash events are not available on this server');
    const done = this.activity.begin();
    const counted = this.socketMetrics.subscribed('bash_events');
    keepAlive(ws, limits.heartbeatMs);
    ws.once('close', () => {
      attached.detach();
      done();
      counted();
    });
    const replay = toReplay(attached.history, target.query);
    await subscriber.start(undefined, serialized(replay));
  }
}

function toReplay(history: readonly BashEvent[], query: EventSocketQuery): readonly BashEvent[] {
  if (query.resend_mode === 'all') return history;
  if (query.resend_mode !== 'since' || query.after_timestamp === undefined) return [];
  const after = timestampMicros(query.after_timestamp);
  return history.filter((event) => timestampMicros(event.timestamp) > after);
}
