import { type Runtime, RuntimeSchema } from '@agentrt/contracts';
import { RUNTIME_IMAGE } from '../../runtime-api/runtime-api.harness';
import type { Latencies } from './bounded-load';

export type CallKind = 'start' | 'lookup' | 'list' | 'pause' | 'resume' | 'stop';

/**
 * One client's use of one runtime, as OpenHands clients do it: start, poll it, list, pause and
 * resume it, stop it. Lookups dominate (clients poll `/runtime/{id}`); every runtime it starts it
 * stops. Ten calls, so 100 journeys are 1,000 calls.
 */
export const JOURNEY: readonly CallKind[] = [
  'start',
  'lookup',
  'list',
  'lookup',
  'pause',
  'lookup',
  'resume',
  'lookup',
  'list',
  'stop',
];

/** Sends one lifecycle call (through the gateway) and answers the raw response. */
export type Send = (method: string, path: string, body?: unknown) => Promise<Response>;

/** Runs journeys, timing every call by kind and recording every call that was not a 2xx. */
export class LifecycleJourneys {
  readonly errors: string[] = [];
  calls = 0;
  runtimesStopped = 0;

  constructor(
    private readonly send: Send,
    private readonly latencies: Latencies,
  ) {}

  /** Stops at the first failed call (recorded in `errors`); teardown stops what it left. */
  async run(): Promise<void> {
    let runtime: Runtime | undefined;
    // A lookup must show what the last change made of the runtime.
    let current = '';
    for (const kind of JOURNEY) {
      const answer = await this.call(kind, runtime?.runtime_id ?? '');
      if (kind === 'start') runtime = RuntimeSchema.parse(answer);
      const expected = kind === 'lookup' ? current : STATUS_AFTER[kind];
      if (expected !== undefined) this.expectStatus(kind, answer, expected);
      current = expected ?? current;
    }
    this.runtimesStopped += 1;
  }

  private async call(kind: CallKind, runtimeId: string): Promise<unknown> {
    const [method, path, body] = requestOf(kind, runtimeId);
    const { status, text } = await this.latencies.time(kind, async () => {
      const response = await this.send(method, path, body);
      return { status: response.status, text: await response.text() };
    });
    this.calls += 1;
    if (status < 200 || status > 299) {
      const error = `${method} ${path} -> ${status}: ${text.slice(0, 300)}`;
      this.errors.push(error);
      throw new Error(error);
    }
    return JSON.parse(text) as unknown;
  }

  /** A 2xx that reports the wrong state is an error too (e.g. a start that is not running). */
  private expectStatus(kind: CallKind, answer: unknown, expected: string): void {
    const status = (answer as { status?: unknown }).status;
    if (status === expected) return;
    const error = `${kind} answered status ${String(status)}, expected ${expected}`;
    this.errors.push(error);
    throw new Error(error);
  }
}

/** The status each change leaves the runtime in (list is not checked per runtime). */
const STATUS_AFTER: Partial<Record<CallKind, string>> = {
  start: 'running',
  pause: 'paused',
  resume: 'running',
  stop: 'stopped',
};

function requestOf(kind: CallKind, runtimeId: string): [string, string, unknown?] {
  switch (kind) {
    case 'start':
      return ['POST', '/start', { image: RUNTIME_IMAGE }];
    case 'lookup':
      return ['GET', `/runtime/${runtimeId}`];
    case 'list':
      return ['GET', '/list'];
    case 'pause':
    case 'resume':
    case 'stop':
      return ['POST', `/${kind}`, { runtime_id: runtimeId }];
  }
}
