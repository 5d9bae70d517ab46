import { type Event, EventSchema, FULL_STATE_KEY, WS_CLOSE_CODES } from '@agentrt/contracts';
import { ApiCallError } from '../http/api-call-error';
import { type EventSocket, type SocketEnd, openEventSocket } from './event-socket';
import { EventStreamClosed } from './event-stream-errors';

/** How one connection ended: `fatal` set means never reconnect. */
export interface ConnectionOutcome {
  reason: string;
  /** It had caught up and was live, so the next outage starts a fresh backoff. */
  wasLive: boolean;
  fatal?: Error;
}

export interface ConnectionParams {
  url: string;
  headers: Record<string, string>;
  /** Handshake plus the first frame. */
  connectTimeoutMs: number;
  /** How often the server must answer a ping before the socket counts as dead. */
  pingIntervalMs: number;
  /** Delivers the stored events the new subscription may have missed. */
  catchUp: (signal: AbortSignal) => Promise<void>;
  offer: (event: Event) => void;
  /** The `full_state` snapshot each subscription starts with (not a stored event). */
  onFullState: (event: Event) => void;
  onLive: () => void;
  /** The caller's close(): ends the connection. */
  stopped: AbortSignal;
}

/** Handshake refusals (from the agent server or a runtime proxy) that retrying cannot fix. */
const FATAL_HTTP = new Set([401, 403, 404, 410]);
const FATAL_CODES = new Set<number>([
  WS_CLOSE_CODES.AUTH_FAILED,
  WS_CLOSE_CODES.UNKNOWN_CONVERSATION,
]);

/**
 * One WebSocket of a stream, from the handshake to its end: subscribe, catch up, then pass
 * live events on. Resolves with how it ended; never rejects.
 *
 * Why nothing is lost between a drop and the new subscription: the events made meanwhile are
 * stored, and the agent server registers a subscriber before it sends it the first frame (the
 * `full_state` snapshot), so every event stored after that frame reaches the new socket. The
 * catch-up search starts only once that frame has come, from the last delivered timestamp on
 * (inclusive), so it finds every event stored before the subscription. Frames that arrive
 * during the search wait in `buffered` and follow it; the ledger drops whatever came twice
 * (search and socket, or the socket's own replay).
 */
export function connectOnce(params: ConnectionParams): Promise<ConnectionOutcome> {
  return new Promise((resolve) => new StreamConnection(params, resolve));
}

class StreamConnection {
  private phase: 'subscribing' | 'catching-up' | 'live' = 'subscribing';
  private ended = false;
  private readonly buffered: Event[] = [];
  private readonly search = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly socket: EventSocket;
  private readonly onStop = () =>
    this.finish({ reason: 'closed by the caller', wasLive: this.phase === 'live' });

  constructor(
    private readonly params: ConnectionParams,
    private readonly resolve: (outcome: ConnectionOutcome) => void,
  ) {
    const { connectTimeoutMs, pingIntervalMs } = params;
    this.timer = setTimeout(
      () => this.finish({ reason: `no frame within ${connectTimeoutMs} ms`, wasLive: false }),
      connectTimeoutMs,
    );
    const timing = { handshakeTimeoutMs: connectTimeoutMs, pingIntervalMs };
    this.socket = openEventSocket(params.url, params.headers, timing, {
      onFrame: (text) => this.onFrame(text),
      onEnd: (end) => this.finish(outcomeOfEnd(end, this.phase === 'live')),
    });
    if (params.stopped.aborted) this.onStop();
    else params.stopped.addEventListener('abort', this.onStop);
  }

  private onFrame(text: string): void {
    if (this.ended) return;
    const event = parseFrame(text);
    if (!event) return; // not an event (a future frame type): nothing to deliver
    if (isFullState(event)) this.params.onFullState(event);
    else if (this.phase === 'live') this.params.offer(event);
    else this.buffered.push(event);
    if (this.phase !== 'subscribing') return;
    // The first frame: the subscription is in place, so the search cannot miss anything.
    this.phase = 'catching-up';
    clearTimeout(this.timer);
    this.params.catchUp(this.search.signal).then(
      () => this.goLive(),
      (error: unknown) => this.finish(outcomeOfSearchError(error)),
    );
  }

  private goLive(): void {
    if (this.ended) return;
    // Frames buffered during the search are newer than what it found, or already seen.
    for (const event of this.buffered.splice(0)) this.params.offer(event);
    this.phase = 'live';
    this.params.onLive();
  }

  private finish(outcome: ConnectionOutcome): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.search.abort();
    this.params.stopped.removeEventListener('abort', this.onStop);
    this.socket.close();
    this.resolve(outcome);
  }
}

function outcomeOfEnd(end: SocketEnd, wasLive: boolean): ConnectionOutcome {
  const reason = `${end.httpStatus === undefined ? `closed with ${end.code}` : `HTTP ${end.httpStatus}`}: ${end.reason}`;
  if (FATAL_CODES.has(end.code)) {
    return { reason, wasLive, fatal: new EventStreamClosed(end.code, end.reason) };
  }
  if (end.httpStatus !== undefined && FATAL_HTTP.has(end.httpStatus)) {
    return { reason, wasLive, fatal: new EventStreamClosed(undefined, end.reason, end.httpStatus) };
  }
  return { reason, wasLive };
}

/** A refused key or a vanished conversation will not come back; a 2xx we cannot read neither. */
function outcomeOfSearchError(error: unknown): ConnectionOutcome {
  const reason = `catch-up failed: ${error instanceof Error ? error.message : String(error)}`;
  if (!(error instanceof ApiCallError)) return { reason, wasLive: false };
  if (error.status !== undefined && FATAL_HTTP.has(error.status)) {
    return {
      reason,
      wasLive: false,
      fatal: new EventStreamClosed(undefined, error.message, error.status),
    };
  }
  const unreadable = error.status !== undefined && error.status < 300;
  return { reason, wasLive: false, ...(unreadable ? { fatal: error } : {}) };
}

function parseFrame(text: string): Event | undefined {
  try {
    const parsed = EventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isFullState(event: Event): boolean {
  return event.kind === 'ConversationStateUpdateEvent' && event.key === FULL_STATE_KEY;
}
