import type { IncomingMessage } from 'node:http';
import {
  EVENTS_SOCKET_PATH,
  EventSocketMessageFrameSchema,
  WS_CLOSE_CODES,
} from '@agentrt/contracts';
import { Inject, Logger } from '@nestjs/common';
import { type OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { WebSocket } from 'ws';
import { SessionKeys } from '../auth/session-keys';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { MessageSender } from '../conversations/message-sender';
import type { Conversation } from '../conversations/model/conversation';
import { ConversationRegistry } from '../conversations/registry/conversation-registry';
import { AgentRunnerRef } from '../conversations/runs/agent-runner-ref';
import { SocketMetrics } from '../metrics/socket-metrics';
import { ActivityTracker, type Clock, CLOCK } from '../health/activity-tracker';
import { authenticateSocket } from './authenticate-socket';
import { ClientFrames } from './client-frames';
import { fullStateEvent } from './full-state';
import { keepAlive } from './keep-alive';
import { between, replayStart } from './replay';
import { MAX_CLIENT_FRAME_BYTES, SOCKET_LIMITS, type SocketLimits } from './socket-limits';
import { readSocketRequest } from './socket-request';
import { SocketSubscriber } from './socket-subscriber';

/**
 * `/sockets/events/{conversation_id}`: the full state first, then the requested history, then
 * every new event, each once and in order. A client frame holding a message is sent to the
 * conversation with `run: true` (the agent starts unless it is running or has no runner).
 */
@WebSocketGateway({ path: EVENTS_SOCKET_PATH, maxPayload: MAX_CLIENT_FRAME_BYTES })
export class EventsGateway implements OnGatewayConnection<WebSocket> {
  private readonly logger = new Logger(EventsGateway.name);

  constructor(
    private readonly keys: SessionKeys,
    private readonly registry: ConversationRegistry,
    private readonly messages: MessageSender,
    private readonly runners: AgentRunnerRef,
    private readonly activity: ActivityTracker,
    private readonly socketMetrics: SocketMetrics,
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
    @Inject(SOCKET_LIMITS) private readonly limits: SocketLimits,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  handleConnection(ws: WebSocket, request: IncomingMessage): void {
    const frames = new ClientFrames(ws);
    this.serve(ws, request, frames).catch((error: unknown) => {
      this.logger.error({ err: error }, 'event socket failed');
      ws.close(1011, 'Internal error');
    });
  }

  private async serve(ws: WebSocket, request: IncomingMessage, frames: ClientFrames) {
    const { keys, limits } = this;
    if (!(await authenticateSocket(ws, request, frames, keys, limits.authTimeoutMs))) return;
    const target = readSocketRequest(request, EVENTS_SOCKET_PATH);
    if (!target.ok) return ws.close(1008, target.reason);
    const conversation = await this.registry.find(target.subject);
    const log = await conversation?.events();
    if (!conversation || !log || conversation.deleted) {
      return ws.close(WS_CLOSE_CODES.UNKNOWN_CONVERSATION, 'Conversation not found');
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    // From here to the subscription all is synchronous: no event can slip in between.
    if (conversation.hub.size >= this.config.MAX_SUBSCRIBERS_PER_CONVERSATION) {
      return ws.close(WS_CLOSE_CODES.TOO_MANY_SUBSCRIBERS, 'Too many subscribers; try again later');
    }
    const subscriber = new SocketSubscriber(
      ws,
      limits.maxBufferedBytes,
      limits.replayHighWaterBytes,
    );
    const history = between(log.lines, replayStart(log, target.query), log.lines.length);
    this.subscribe(ws, conversation, subscriber);
    frames.handle(this.messageHandler(conversation));
    const state = fullStateEvent(conversation.maskedInfo(), this.clock());
    await subscriber.start(JSON.stringify(state), history);
  }

  private subscribe(ws: WebSocket, conversation: Conversation, subscriber: SocketSubscriber) {
    const detach = conversation.subscribe(subscriber);
    const done = this.activity.begin();
    const counted = this.socketMetrics.subscribed('events');
    keepAlive(ws, this.limits.heartbeatMs);
    ws.once('close', () => {
      detach();
      done();
      counted();
    });
  }

  /** Handles message frames one after another, so they reach the conversation in order. */
  private messageHandler(conversation: Conversation): (frame: string) => void {
    let queue = Promise.resolve();
    return (frame) => {
      queue = queue.then(() => this.onMessageFrame(conversation, frame));
    };
  }

  private async onMessageFrame(conversation: Conversation, frame: string): Promise<void> {
    const message = parseMessageFrame(frame);
    if (!message) return; // auth frames (already handled) and anything else are ignored
    // There is no reply to refuse a socket frame with, so without a runner the message is still
    // kept (unlike REST, which answers 503 and stores nothing).
    const run = this.runners.get() !== undefined;
    try {
      await this.messages.send(conversation, { ...message, run });
    } catch (error) {
      this.logger.warn(
        { err: error, conversation_id: conversation.id },
        'a message sent over the event socket was refused',
      );
    }
  }
}

function parseMessageFrame(frame: string) {
  try {
    const parsed = EventSocketMessageFrameSchema.safeParse(JSON.parse(frame));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
