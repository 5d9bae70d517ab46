import { ErrorBodySchema } from '@agentrt/contracts';
import { type LoadBounds, type LoadOutcome, runBounded } from './bounded-load';

/** Where a fault test stands when a request is sent. */
export type Phase = 'before' | 'outage' | 'recovery' | 'after';

/** One kind of request the load sends, by name (`GET /list via the gateway`). */
export interface LoadRequest {
  name: string;
  send: (signal: AbortSignal) => Promise<Response>;
  /** The non-2xx statuses it may answer while the fault lasts (in our error body). */
  whileDown: readonly number[];
}

/** What one request got: its HTTP status, or why there was none. */
export interface LoadResult {
  phase: Phase;
  request: string;
  /** The status, or `no answer: <reason>` (refused connection, timeout). */
  outcome: number | string;
  /** For a non-2xx answer: whether the body is our `{detail, code, request_id}`. */
  errorBody?: boolean;
}

/**
 * Requests sent round-robin at a steady pace while a test injects a fault, each tagged with the
 * phase it was sent in. Paced rather than flooding: the fault must fall in the middle of the
 * load, and the apps under test share 2 cores with it.
 */
export class PhasedLoad {
  phase: Phase = 'before';
  readonly results: LoadResult[] = [];
  private stopped = false;

  constructor(
    private readonly requests: LoadRequest[],
    private readonly options: { paceMs: number; timeoutMs: number },
  ) {}

  run(bounds: LoadBounds): Promise<LoadOutcome> {
    return runBounded({ ...bounds, until: () => this.stopped }, async (index) => {
      const request = this.requests[index % this.requests.length];
      if (request) this.results.push(await this.send(request));
      await new Promise((resolve) => setTimeout(resolve, this.options.paceMs));
    });
  }

  /** No request starts after this; the ones in flight finish. */
  stop(): void {
    this.stopped = true;
  }

  count(phase: Phase): number {
    return this.results.filter((r) => r.phase === phase).length;
  }

  inPhase(phase: Phase): LoadResult[] {
    return this.results.filter((r) => r.phase === phase);
  }

  /**
   * Results of `phases` that break their request's rule: no answer (a hang or a dropped
   * connection), or a non-2xx that is not among `allowed(request)` in our error body.
   */
  violations(phases: Phase[], allowed: (request: LoadRequest) => readonly number[]): LoadResult[] {
    const rules = new Map(this.requests.map((r) => [r.name, allowed(r)]));
    return this.results.filter(({ phase, request, outcome, errorBody }) => {
      if (!phases.includes(phase)) return false;
      if (typeof outcome !== 'number') return true;
      if (outcome >= 200 && outcome < 300) return false;
      return errorBody !== true || !rules.get(request)?.includes(outcome);
    });
  }

  /** `12 x 200, 30 x 503` for the `[R3]` lines. */
  static tally(results: LoadResult[]): string {
    const counts = new Map<string, number>();
    for (const { outcome } of results)
      counts.set(String(outcome), (counts.get(String(outcome)) ?? 0) + 1);
    return [...counts].map(([outcome, n]) => `${n} x ${outcome}`).join(', ') || 'none';
  }

  /** One `name: 3 x 200, 2 x 503` line per request kind. */
  static tallyByRequest(results: LoadResult[]): string[] {
    const names = [...new Set(results.map((r) => r.request))];
    return names.map(
      (name) => `${name}: ${PhasedLoad.tally(results.filter((r) => r.request === name))}`,
    );
  }

  private async send(request: LoadRequest): Promise<LoadResult> {
    const sentIn = this.phase;
    const answer = await this.answer(request);
    // `before` means answered before the fault began: one still in flight then overlaps it.
    const phase = sentIn === 'before' && this.phase !== 'before' ? 'outage' : sentIn;
    return { phase, request: request.name, ...answer };
  }

  private async answer(request: LoadRequest): Promise<Pick<LoadResult, 'outcome' | 'errorBody'>> {
    try {
      const response = await request.send(AbortSignal.timeout(this.options.timeoutMs));
      const text = await response.text();
      if (response.ok) return { outcome: response.status };
      const errorBody = ErrorBodySchema.safeParse(safeJson(text)).success;
      return { outcome: response.status, errorBody };
    } catch (error) {
      const cause = error instanceof Error ? (error.cause as Error | undefined) : undefined;
      return { outcome: `no answer: ${cause?.message ?? String(error)}` };
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
