import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type Event,
  EVENTS_SOCKET_PATH,
  type EventSocketQuery,
  EventSocketQuerySchema,
  type EventSearchQuery,
  EventSearchQuerySchema,
  type ExecutionStatus,
  SESSION_API_KEY_HEADER,
  WS_CLOSE_CODES,
} from '@agentrt/contracts';
import { type WebSocket, WebSocketServer } from 'ws';
import { FakeEventLog, timeOf } from './fake-event-log';

export interface FakeAgentServerOptions {
  sessionApiKey: string;
  conversationIds: string[];
  /** Largest search page, whatever `limit` asks (a server may answer smaller pages). */
  pageSize?: number;
  /** Act like a server that ignores `resend_mode` and sends no history on subscribe. */
  ignoreResend?: boolean;
  /** false: never answer pings, like a path that died without closing (default true). */
  answerPings?: boolean;
}

interface Subscriber {
  ws: WebSocket;
  conversationId: string;
}

/**
 * A strict stand-in for an agent server's event socket and `events/search` (agent-server.md,
 * apps/agent-server/src/app/sockets): checks the session key and every query against the
 * contracts, records what it saw in `violations`, and lets a test cut sockets, hold upgrades and
 * produce events while nobody listens. For unit tests of the client; the e2e uses the real one.
 */
export class FakeAgentServer {
  readonly sockets: EventSocketQuery[] = [];
  readonly searches: EventSearchQuery[] = [];
  readonly violations: string[] = [];
  /** Close codes for the next subscriptions, in order (e.g. 1013: too many subscribers). */
  readonly refusals: { code: number; reason: string }[] = [];
  /** Called once a socket is subscribed and has its history: events made here come live. */
  onSubscribed: ((conversationId: string) => void) | undefined;
  private readonly logs = new Map<string, FakeEventLog>();
  private readonly subscribers = new Set<Subscriber>();
  private readonly wss: WebSocketServer;
  private held: Promise<void> | undefined;

  private constructor(
    private readonly options: FakeAgentServerOptions,
    private readonly server: Server,
    readonly url: string,
  ) {
    this.wss = new WebSocketServer({ noServer: true, autoPong: options.answerPings ?? true });
    for (const id of options.conversationIds) this.logs.set(id, new FakeEventLog(id));
    server.on('request', (req, res) => this.answer(req, res));
    server.on('upgrade', (req, socket, head) => void this.upgrade(req, socket, head));
  }

  static async start(options: FakeAgentServerOptions): Promise<FakeAgentServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new FakeAgentServer(options, server, `http://127.0.0.1:${port}`);
  }

  /** Stores `count` agent messages and sends them to the subscribers, as the server does. */
  emit(conversationId: string, count = 1): Event[] {
    return this.append(
      conversationId,
      (log) => log.message(`step ${log.events.length + 1}`),
      count,
    );
  }

  /** Stores an `execution_status` update and sends it. */
  setStatus(conversationId: string, status: ExecutionStatus): Event {
    const [event] = this.append(conversationId, (log) => log.status(status), 1);
    if (!event) throw new Error('no event made');
    return event;
  }

  events(conversationId: string): readonly Event[] {
    return this.log(conversationId).events;
  }

  /** Cuts every socket without a close frame, as a dying proxy or network does. */
  cut(): void {
    for (const subscriber of this.subscribers) subscriber.ws.terminate();
  }

  /** New handshakes wait until the returned function is called. */
  hold(): () => void {
    let release: () => void = () => undefined;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  get openSockets(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private append(id: string, make: (log: FakeEventLog) => Event, count: number): Event[] {
    const log = this.log(id);
    const made = Array.from({ length: count }, () => log.add(make(log)));
    for (const { ws, conversationId } of this.subscribers) {
      if (conversationId === id) for (const event of made) ws.send(JSON.stringify(event));
    }
    return made;
  }

  private log(id: string): FakeEventLog {
    const log = this.logs.get(id);
    if (!log) throw new Error(`no conversation ${id} in the fake`);
    return log;
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    await this.held;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.subscribe(ws, req));
  }

  private subscribe(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'ws://fake');
    const query = EventSocketQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success || !url.pathname.startsWith(`${EVENTS_SOCKET_PATH}/`)) {
      this.violations.push(`bad socket request ${req.url ?? ''}`);
      return ws.close(1008, 'Bad request');
    }
    this.sockets.push(query.data);
    if (req.headers[SESSION_API_KEY_HEADER.toLowerCase()] !== this.options.sessionApiKey) {
      return ws.close(WS_CLOSE_CODES.AUTH_FAILED, 'Authentication failed');
    }
    const id = decodeURIComponent(url.pathname.slice(EVENTS_SOCKET_PATH.length + 1));
    const log = this.logs.get(id);
    if (!log) return ws.close(WS_CLOSE_CODES.UNKNOWN_CONVERSATION, 'Conversation not found');
    const refusal = this.refusals.shift();
    if (refusal) return ws.close(refusal.code, refusal.reason);
    // As the real server: subscribe first, then the full state, the history, and live events.
    const subscriber = { ws, conversationId: id };
    this.subscribers.add(subscriber);
    ws.once('close', () => this.subscribers.delete(subscriber));
    const history = this.options.ignoreResend ? [] : replay(log.events, query.data);
    ws.send(JSON.stringify(log.fullState()));
    for (const event of history) ws.send(JSON.stringify(event));
    this.onSubscribed?.(id);
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/api\/conversations\/([^/]+)\/events\/search$/.exec(url.pathname);
    const log = match?.[1] === undefined ? undefined : this.logs.get(match[1]);
    if (req.method !== 'GET' || !match) {
      this.violations.push(`unexpected ${req.method ?? ''} ${req.url ?? ''}`);
      return send(res, 404, { detail: 'Not Found', code: 'not_found' });
    }
    if (req.headers[SESSION_API_KEY_HEADER.toLowerCase()] !== this.options.sessionApiKey) {
      return send(res, 401, { detail: 'Invalid session API key', code: 'unauthorized' });
    }
    if (!log) return send(res, 404, { detail: 'Conversation not found', code: 'not_found' });
    const query = EventSearchQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      this.violations.push(`bad search query ${url.search}`);
      return send(res, 400, { detail: query.error.message, code: 'validation_error' });
    }
    this.searches.push(query.data);
    const page = log.search(query.data, this.options.pageSize ?? 100);
    if (page) return send(res, 200, page);
    this.violations.push(`unknown page_id ${query.data.page_id ?? ''}`);
    send(res, 400, { detail: 'page_id is not a next_page_id', code: 'bad_request' });
  }
}

function replay(events: readonly Event[], query: EventSocketQuery): readonly Event[] {
  if (query.resend_mode === 'all') return events;
  if (query.resend_mode !== 'since' || query.after_timestamp === undefined) return [];
  const after = timeOf(query.after_timestamp);
  return events.filter((event) => timeOf(event.timestamp) > after);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
