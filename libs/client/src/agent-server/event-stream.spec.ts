import { randomUUID } from 'node:crypto';
import { type Event, WS_CLOSE_CODES } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import {
  ConversationEventStream,
  type EventStreamOptions,
  type StreamStatus,
} from './event-stream';
import { EventStreamClosed, EventStreamGaveUp } from './event-stream-errors';
import { FakeAgentServer } from './testing/fake-agent-server';

const KEY = 'session-key-1';
const CONVERSATION = randomUUID();
/** Quick reconnects: these tests check what is delivered, not how long the waits are. */
const FAST = { initialMs: 10, maxMs: 50 };

let fake: FakeAgentServer;
let streams: ConversationEventStream[] = [];

/** Opens a stream on the fake, recording what it delivers and reports. */
function follow(options: Partial<EventStreamOptions> = {}) {
  const delivered: Event[] = [];
  const statuses: StreamStatus[] = [];
  const stream = ConversationEventStream.open({
    baseUrl: fake.url,
    sessionApiKey: KEY,
    conversationId: CONVERSATION,
    onEvent: (event) => delivered.push(event),
    onStatus: (status) => statuses.push(status),
    backoff: FAST,
    ...options,
  });
  streams.push(stream);
  const ids = () => delivered.map((event) => event.id);
  const count = (n: number) =>
    waitFor(() => Promise.resolve(delivered.length >= n), { description: `${n} events delivered` });
  const reconnecting = () =>
    waitFor(() => Promise.resolve(statuses.some((status) => status.state === 'reconnecting')), {
      description: 'the stream to notice the drop',
    });
  return { stream, delivered, statuses, ids, count, reconnecting };
}

const idsOf = (events: readonly Event[]) => events.map((event) => event.id);

/** Drops every socket and waits until the fake has let go of them too. */
async function cutAll() {
  fake.cut();
  await waitFor(() => Promise.resolve(fake.openSockets === 0), {
    description: 'the sockets closed',
  });
}

describe('ConversationEventStream', () => {
  beforeEach(async () => {
    // Pages of 2 make every catch-up follow next_page_id.
    fake = await FakeAgentServer.start({
      sessionApiKey: KEY,
      conversationIds: [CONVERSATION],
      pageSize: 2,
    });
  });

  afterEach(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    streams = [];
    await fake.close();
    expect(fake.violations).toEqual([]);
  });

  it('delivers the history by the time it is ready, then live events, each once', async () => {
    fake.emit(CONVERSATION, 3);
    const { stream, ids, count } = follow();
    await stream.ready;
    expect(ids()).toEqual(idsOf(fake.events(CONVERSATION)));
    fake.emit(CONVERSATION, 2);
    await count(5);
    expect(ids()).toEqual(idsOf(fake.events(CONVERSATION)));
    expect(stream.lastEvent?.id).toBe(fake.events(CONVERSATION)[4]?.id);
    expect(fake.sockets).toEqual([expect.objectContaining({ resend_mode: 'all' })]);
  });

  it.each([
    ['replays what it missed', false],
    ['does not replay (catch-up by search only)', true],
  ])(
    'gets back after a cut while the server %s: missed events once, then live ones',
    async (_, ignoreResend) => {
      await fake.close();
      fake = await FakeAgentServer.start({
        sessionApiKey: KEY,
        conversationIds: [CONVERSATION],
        pageSize: 2,
        ignoreResend,
      });
      fake.emit(CONVERSATION, 3);
      const { stream, ids, count, reconnecting } = follow();
      await stream.ready;
      const release = fake.hold();
      await cutAll();
      await reconnecting();
      fake.emit(CONVERSATION, 3); // 4..6 while nobody listens
      release();
      await count(6);
      fake.emit(CONVERSATION, 2);
      await count(8);
      const all = fake.events(CONVERSATION);
      expect(ids()).toEqual(idsOf(all));
      const third = all[2]?.timestamp;
      // The new socket asked for what came after event 3, the search started at it (inclusive).
      expect(fake.sockets[1]).toMatchObject({ resend_mode: 'since', after_timestamp: third });
      expect(fake.searches.filter((q) => q.timestamp__gte === third).length).toBeGreaterThan(1);
    },
  );

  it('drops events that come both live and from the catch-up search', async () => {
    fake.emit(CONVERSATION, 2);
    const { stream, ids, count, reconnecting } = follow();
    await stream.ready;
    // Made just after the new subscription: the socket sends it and the search finds it.
    fake.onSubscribed = () => fake.emit(CONVERSATION, 1);
    fake.cut();
    await reconnecting();
    await count(3);
    fake.onSubscribed = undefined;
    fake.emit(CONVERSATION, 1);
    await count(4);
    expect(ids()).toEqual(idsOf(fake.events(CONVERSATION)));
  });

  it.each([
    ['a refused session key', KEY.toUpperCase(), CONVERSATION, WS_CLOSE_CODES.AUTH_FAILED],
    ['an unknown conversation', KEY, randomUUID(), WS_CLOSE_CODES.UNKNOWN_CONVERSATION],
  ])('ends on %s without reconnecting', async (_, key, conversationId, code) => {
    const { stream, statuses } = follow({ sessionApiKey: key, conversationId });
    const error = await stream.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamClosed);
    expect(error).toMatchObject({ code });
    await expect(stream.ready).rejects.toBe(error);
    expect(fake.sockets).toHaveLength(1);
    expect(statuses.map((status) => status.state)).toEqual(['connecting', 'closed']);
  });

  it('retries "too many subscribers" (1013) with backoff', async () => {
    fake.refusals.push({ code: 1013, reason: 'Too many subscribers' });
    fake.refusals.push({ code: 1013, reason: 'Too many subscribers' });
    fake.emit(CONVERSATION, 1);
    const { stream, ids, statuses } = follow();
    await stream.ready;
    expect(ids()).toEqual(idsOf(fake.events(CONVERSATION)));
    expect(fake.sockets).toHaveLength(3);
    const retries = statuses.filter((status) => status.state === 'reconnecting');
    expect(retries).toEqual([
      expect.objectContaining({ attempt: 1, reason: expect.stringContaining('1013') }),
      expect.objectContaining({ attempt: 2, reason: expect.stringContaining('1013') }),
    ]);
  });

  it('gives up after maxAttempts, its waits capped at maxMs', async () => {
    for (let i = 0; i < 10; i += 1) fake.refusals.push({ code: 1013, reason: 'busy' });
    const { stream, statuses } = follow({ backoff: { initialMs: 5, maxMs: 20, maxAttempts: 4 } });
    const error = await stream.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamGaveUp);
    expect(error).toMatchObject({ attempts: 4, lastFailure: expect.stringContaining('1013') });
    expect(fake.sockets).toHaveLength(5);
    const delays = statuses.flatMap((s) => (s.state === 'reconnecting' ? [s.delayMs] : []));
    expect(delays).toHaveLength(4);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(20);
  });

  it('stops reconnecting once closed, without waiting out the backoff', async () => {
    const { stream, reconnecting, statuses } = follow({ backoff: { initialMs: 60_000 } });
    await stream.ready;
    await cutAll();
    await reconnecting();
    await stream.close();
    await expect(stream.done).resolves.toBeUndefined();
    expect(fake.sockets).toHaveLength(1);
    expect(statuses.at(-1)).toEqual({ state: 'closed' });
  });

  it('closes its socket on close() and delivers nothing after', async () => {
    const { stream, delivered } = follow();
    await stream.ready;
    expect(fake.openSockets).toBe(1);
    await stream.close();
    await waitFor(() => Promise.resolve(fake.openSockets === 0), {
      description: 'the socket closed',
    });
    fake.emit(CONVERSATION, 1);
    expect(delivered).toEqual([]);
    await expect(stream.waitFor(() => true)).rejects.toBeInstanceOf(EventStreamClosed);
  });

  it('starts after a known event when given one', async () => {
    const [, second, ...rest] = fake.emit(CONVERSATION, 4);
    if (!second) throw new Error('no events');
    const { stream, ids } = follow({ after: second });
    await stream.ready;
    expect(ids()).toEqual(idsOf(rest));
    expect(fake.sockets[0]).toMatchObject({
      resend_mode: 'since',
      after_timestamp: second.timestamp,
    });
  });

  it('tells when a run it saw start has settled, not an earlier one', async () => {
    fake.setStatus(CONVERSATION, 'running');
    fake.setStatus(CONVERSATION, 'finished'); // an old run, in the history
    const { stream } = follow();
    const settled = stream.untilSettled({ timeoutMs: 10_000 });
    await stream.ready;
    expect(stream.executionStatus).toBe('finished');
    fake.setStatus(CONVERSATION, 'running');
    fake.emit(CONVERSATION, 2);
    fake.setStatus(CONVERSATION, 'stuck');
    await expect(settled).resolves.toBe('stuck');
    expect(stream.executionStatus).toBe('stuck');
  });

  it('replaces a socket whose pings go unanswered', async () => {
    await fake.close();
    fake = await FakeAgentServer.start({
      sessionApiKey: KEY,
      conversationIds: [CONVERSATION],
      answerPings: false,
    });
    const { stream, statuses, reconnecting } = follow({ pingIntervalMs: 50 });
    await stream.ready;
    await reconnecting();
    expect(statuses.find((status) => status.state === 'reconnecting')).toMatchObject({
      reason: expect.stringContaining('closed with 1006'),
    });
    await waitFor(() => Promise.resolve(fake.sockets.length >= 2), {
      description: 'a new socket',
    });
  });

  it('ends with the error its onEvent threw', async () => {
    fake.emit(CONVERSATION, 2);
    const failure = new Error('listener broke');
    const { stream } = follow({
      onEvent: () => {
        throw failure;
      },
    });
    await expect(stream.done).rejects.toBe(failure);
    expect(fake.sockets).toHaveLength(1);
  });
});
