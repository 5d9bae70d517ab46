import type { BashEvent } from '@agentrt/contracts';
import { AgentServerConfigSchema } from '../config/agent-server.config';
import { BashEventStore } from './bash-event-store';
import { OutputSequence } from './bash-output-events';

const commandId = '8b9c0d1e-2f3a-4b4c-9d5e-f6a7b8c9d0e1';

function storeKeeping(maxEvents: number, maxBytes: number): BashEventStore {
  const config = AgentServerConfigSchema.parse({
    BASH_EVENTS_MAX: String(maxEvents),
    BASH_EVENTS_MAX_BYTES: String(maxBytes),
  });
  return new BashEventStore(config);
}

describe('BashEventStore', () => {
  const outputs = () => new OutputSequence(commandId, () => 0);

  it('keeps at most BASH_EVENTS_MAX events, dropping the oldest', () => {
    const store = storeKeeping(2, 1000);
    const sequence = outputs();
    const first = sequence.next({ stdout: 'x' });
    const second = sequence.next({ stdout: 'x' });
    const third = sequence.next({ stdout: 'x' });
    for (const event of [first, second, third]) store.append(event);
    expect(store.history()).toEqual([second, third]);
    expect(store.get(first.id)).toBeUndefined();
    expect(store.get(third.id)).toBe(third);
  });

  it('keeps at most BASH_EVENTS_MAX_BYTES of output, but always the newest event', () => {
    const store = storeKeeping(100, 10);
    const sequence = outputs();
    const small = sequence.next({ stdout: '12345' });
    const large = sequence.next({ stdout: '123456789012' });
    store.append(small);
    store.append(large);
    expect(store.history()).toEqual([large]);
    expect(store.outputsOf(commandId)).toEqual([large]);
  });

  it('tells subscribers every new event in order until they unsubscribe', () => {
    const store = storeKeeping(100, 1000);
    const seen: BashEvent[] = [];
    const unsubscribe = store.subscribe((event) => seen.push(event));
    const sequence = outputs();
    const [a, b] = [sequence.next({ stdout: 'a' }), sequence.next({ stdout: 'b' })];
    store.append(a);
    store.append(b);
    unsubscribe();
    store.append(sequence.next({ stdout: 'c' }));
    expect(seen).toEqual([a, b]);
  });

  it('keeps going when a subscriber throws', () => {
    const store = storeKeeping(100, 1000);
    const seen: BashEvent[] = [];
    store.subscribe(() => {
      throw new Error('socket gone');
    });
    store.subscribe((event) => seen.push(event));
    const event = outputs().next({ stdout: 'a' });
    expect(() => store.append(event)).not.toThrow();
    expect(seen).toEqual([event]);
  });
});
