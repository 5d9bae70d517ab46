import { type Event, type ExecutionStatus, SESSION_API_KEY_HEADER } from '@agentrt/contracts';
import { AgentServerClient } from './agent-server.client';
import { Backoff, type ReconnectBackoffOptions, sleep } from './backoff';
import { catchUp } from './catch-up';
import { EventLedger, type EventPosition } from './event-ledger';
import { EventStreamClosed, EventStreamGaveUp } from './event-stream-errors';
import { EventWaiters, executionStatusOf, fullStateStatusOf, runSettled } from './event-waiters';
import { eventsSocketUrl } from './socket-url';
import { type ConnectionOutcome, connectOnce } from './stream-connection';

/** What the stream is doing, for a status line or a log. */
export type StreamStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'live' }
  | { state: 'reconnecting'; attempt: number; delayMs: number; reason: string }
  | { state: 'closed'; error?: Error };

export interface EventStreamOptions {
  /** An agent server's address, or a runtime's `url` (through the runtime proxy). */
  baseUrl: string;
  sessionApiKey: string;
  conversationId: string;
  /** Every stored event, each once and in order. If it throws, the stream ends with that error. */
  onEvent: (event: Event) => void;
  onStatus?: (status: StreamStatus) => void;
  backoff?: ReconnectBackoffOptions;
  /** Start after this event (the last one the caller has) instead of at the beginning. */
  after?: EventPosition;
  /** Handshake plus the first frame, per connection (default 15 s). */
  connectTimeoutMs?: number;
  /** Ping interval; a socket whose ping goes unanswered this long is replaced (default 30 s). */
  pingIntervalMs?: number;
  /** Each catch-up `events/search` call (default 30 s). */
  requestTimeoutMs?: number;
  requestId?: string;
}

export interface EventWaitOptions {
  timeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
const DEFAULT_PING_INTERVAL_MS = 30_000;

/**
 * Follows `/sockets/events/{conversation_id}` of an agent server: the history first, then live
 * events, delivering each stored event exactly once and in order across reconnects. A dropped
 * socket is reopened with capped, jittered backoff and caught up through `events/search`
 * (see stream-connection.ts); close codes 4001 and 4004 end the stream with EventStreamClosed.
 */
export class ConversationEventStream {
  /** Resolves once the first subscription is open and the history up to it is delivered. */
  readonly ready: Promise<void>;
  /** Resolves after close(); rejects with EventStreamClosed, EventStreamGaveUp or what onEvent threw. */
  readonly done: Promise<void>;
  private readonly client: AgentServerClient;
  private readonly ledger: EventLedger;
  private readonly backoff: Backoff;
  private readonly stop = new AbortController();
  private readonly waiters = new EventWaiters();
  private isReady = false;
  private handlerError: Error | undefined;
  private status: ExecutionStatus | undefined;
  private markReady: () => void = () => undefined;

  static open(options: EventStreamOptions): ConversationEventStream {
    return new ConversationEventStream(options);
  }

  private constructor(private readonly options: EventStreamOptions) {
    this.client = new AgentServerClient({
      baseUrl: options.baseUrl,
      sessionApiKey: options.sessionApiKey,
      requestId: options.requestId,
      timeoutMs: options.requestTimeoutMs,
    });
    this.ledger = new EventLedger((event) => this.deliver(event), options.after);
    this.backoff = new Backoff(options.backoff);
    const firstReady = new Promise<void>((resolve) => (this.markReady = resolve));
    this.done = this.run().then(
      () => this.ended(undefined),
      (error: unknown) => this.ended(error instanceof Error ? error : new Error(String(error))),
    );
    const notReady = this.done.then(() => {
      throw new EventStreamClosed(1000, 'closed before the history was delivered');
    });
    this.ready = Promise.race([firstReady, notReady]);
    // Both also reach callers through onStatus; a caller who awaits neither is not crashed.
    this.ready.catch(() => undefined);
    this.done.catch(() => undefined);
  }

  /** The last event delivered: where a later stream can start (`after`). */
  get lastEvent(): Event | undefined {
    return this.ledger.lastEvent;
  }

  /** The conversation's `execution_status` as last reported on this stream. */
  get executionStatus(): ExecutionStatus | undefined {
    return this.status;
  }

  /**
   * Resolves with the first event delivered after `ready` (and after this call) that passes
   * `test`; rejects when the stream ends first or after `timeoutMs`.
   */
  waitFor(test: (event: Event) => boolean, options: EventWaitOptions = {}): Promise<Event> {
    return this.waiters.wait((event) => (test(event) ? event : undefined), options.timeoutMs);
  }

  /**
   * Resolves with the status a run ends in (finished, error, stuck, paused, idle, or waiting
   * for a confirmation). Call it before starting the run: it waits for `running` first.
   */
  untilSettled(options: EventWaitOptions = {}): Promise<ExecutionStatus> {
    return this.waiters.wait(runSettled(), options.timeoutMs);
  }

  /** Stops following (no reconnect after this); resolves once the socket is closed. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.done.catch(() => undefined);
  }

  /**
   * One connection after another until close(), a fatal close, or the backoff giving up. With
   * no `maxAttempts`/`giveUpAfterMs` it keeps trying as long as the caller keeps it open.
   */
  private async run(): Promise<void> {
    for (;;) {
      this.report({ state: 'connecting', attempt: this.backoff.attempts });
      const outcome = await this.connect();
      if (this.handlerError) throw this.handlerError;
      if (this.stop.signal.aborted) return;
      if (outcome.fatal) throw outcome.fatal;
      if (outcome.wasLive) this.backoff.reset();
      const delayMs = this.backoff.next();
      if (delayMs === undefined) {
        throw new EventStreamGaveUp(this.backoff.attempts, outcome.reason);
      }
      const { attempts: attempt } = this.backoff;
      this.report({ state: 'reconnecting', attempt, delayMs, reason: outcome.reason });
      await sleep(delayMs, this.stop.signal);
    }
  }

  private connect(): Promise<ConnectionOutcome> {
    const { baseUrl, conversationId, sessionApiKey } = this.options;
    const offer = (event: Event) => this.ledger.offer(event);
    return connectOnce({
      url: eventsSocketUrl(baseUrl, conversationId, this.ledger.position),
      headers: { [SESSION_API_KEY_HEADER]: sessionApiKey },
      connectTimeoutMs: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      pingIntervalMs: this.options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
      catchUp: (signal) =>
        catchUp(this.client, conversationId, this.ledger.position, offer, signal),
      offer,
      onFullState: (event) => (this.status = fullStateStatusOf(event) ?? this.status),
      onLive: () => this.live(),
      stopped: this.stop.signal,
    });
  }

  private live(): void {
    if (!this.isReady) {
      this.isReady = true;
      this.markReady();
    }
    this.report({ state: 'live' });
  }

  private deliver(event: Event): void {
    if (this.stop.signal.aborted) return;
    try {
      this.options.onEvent(event);
    } catch (error) {
      this.handlerError = error instanceof Error ? error : new Error(String(error));
      this.stop.abort();
      return;
    }
    this.status = executionStatusOf(event) ?? this.status;
    if (this.isReady) this.waiters.notify(event);
  }

  private ended(error: Error | undefined): void {
    this.waiters.end(error ?? new EventStreamClosed(1000, 'the stream was closed'));
    this.report(error ? { state: 'closed', error } : { state: 'closed' });
    if (error) throw error;
  }

  private report(status: StreamStatus): void {
    this.options.onStatus?.(status);
  }
}
