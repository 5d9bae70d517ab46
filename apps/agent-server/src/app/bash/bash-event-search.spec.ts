import {
  type BashCommand,
  type BashEvent,
  type BashEventSearchQuery,
  BashEventSearchQuerySchema,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { searchBashEvents, type SequencedEvent } from './bash-event-search';
import { OutputSequence } from './bash-output-events';

const commandA = '8b9c0d1e-2f3a-4b4c-9d5e-f6a7b8c9d0e1';
const commandB = '9c0d1e2f-3a4b-4c5d-8e6f-a7b8c9d0e1f2';
const at = (second: number) => Date.UTC(2025, 5, 1, 12, 0, second);

function command(id: string, second: number): BashCommand {
  const timestamp = new Date(at(second)).toISOString();
  return { kind: 'BashCommand', id, timestamp, command: 'ls', cwd: '/w', timeout: 300 };
}

/** A: command at 0 s, outputs 0..2 at 1..3 s; B: command at 4 s, one output at 5 s. */
function history(): SequencedEvent[] {
  let second = 1;
  const a = new OutputSequence(commandA, () => at(second++));
  const events: BashEvent[] = [
    command(commandA, 0),
    a.next({ stdout: '1' }),
    a.next({ stdout: '2' }),
  ];
  events.push(a.next({ exitCode: 0 }), command(commandB, 4));
  events.push(new OutputSequence(commandB, () => at(5)).next({ exitCode: 1 }));
  return events.map((event, seq) => ({ seq, event }));
}

const query = (fields: Record<string, string> = {}): BashEventSearchQuery =>
  BashEventSearchQuerySchema.parse(fields);
const kindsAndOrders = (events: readonly BashEvent[]) =>
  events.map((event) =>
    event.kind === 'BashOutput' ? `${event.kind}#${event.order}` : event.kind,
  );

describe('searchBashEvents', () => {
  it('lists everything oldest first by default', () => {
    const page = searchBashEvents(history(), query());
    expect(page.items).toHaveLength(6);
    expect(page.next_page_id).toBeNull();
  });

  it('finds the outputs of one command after a given order, as a polling client asks', () => {
    const page = searchBashEvents(
      history(),
      query({ kind__eq: 'BashOutput', command_id__eq: commandA, order__gt: '0' }),
    );
    expect(kindsAndOrders(page.items)).toEqual(['BashOutput#1', 'BashOutput#2']);
  });

  it('gives the newest output first with TIMESTAMP_DESC', () => {
    const page = searchBashEvents(
      history(),
      query({ kind__eq: 'BashOutput', sort_order: 'TIMESTAMP_DESC', limit: '1' }),
    );
    expect(page.items.map((event) => event.kind === 'BashOutput' && event.command_id)).toEqual([
      commandB,
    ]);
  });

  it('filters by time, reading a timestamp without offset as UTC', () => {
    const page = searchBashEvents(
      history(),
      query({ timestamp__gte: '2025-06-01T12:00:02', timestamp__lt: '2025-06-01T12:00:04+00:00' }),
    );
    expect(kindsAndOrders(page.items)).toEqual(['BashOutput#1', 'BashOutput#2']);
  });

  it('pages in both directions without gaps or repeats', () => {
    const events = history();
    for (const sort_order of ['TIMESTAMP', 'TIMESTAMP_DESC']) {
      const seen: string[] = [];
      let pageId: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const fields = { sort_order, limit: '4', ...(pageId ? { page_id: pageId } : {}) };
        const page = searchBashEvents(events, query(fields));
        seen.push(...page.items.map((event) => event.id));
        if (page.next_page_id === null) break;
        pageId = page.next_page_id;
      }
      const all = events.map((stored) => stored.event.id);
      expect(seen).toEqual(sort_order === 'TIMESTAMP' ? all : all.reverse());
    }
  });

  it('continues a page after older events were dropped', () => {
    const events = history();
    const first = searchBashEvents(events, query({ limit: '3' }));
    const remaining = events.slice(2); // the two oldest are gone meanwhile
    const next = searchBashEvents(remaining, query({ page_id: first.next_page_id ?? '' }));
    expect(next.items).toEqual(events.slice(3).map((stored) => stored.event));
  });

  it('refuses a page id it did not hand out', () => {
    expect(() => searchBashEvents(history(), query({ page_id: 'abc' }))).toThrow(ApiException);
  });
});
