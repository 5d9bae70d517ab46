import type { ProxyTarget } from '@agentrt/runtime-proxy';
import { TargetCache } from './target-cache';

const running = (baseUrl: string): ProxyTarget => ({
  state: 'running',
  baseUrl,
  sessionApiKey: 'k',
  ports: {},
});
const paused: ProxyTarget = { state: 'paused', sessionApiKey: 'k' };

/** A record store stand-in that counts reads and can hold a read's answer back. */
class Records {
  readonly targets = new Map<string, ProxyTarget>();
  reads = 0;
  private holding = false;
  private release: (() => void) | undefined;

  load = async (id: string): Promise<ProxyTarget | undefined> => {
    this.reads++;
    const answer = this.targets.get(id); // read now, as Redis would, even when answered later
    if (this.holding) {
      this.holding = false;
      await new Promise<void>((resolve) => (this.release = resolve));
    }
    return answer;
  };

  holdNextAnswer(): void {
    this.holding = true;
  }

  releaseAnswer(): void {
    this.release?.();
  }
}

describe('TargetCache', () => {
  let records: Records;
  let clock: number;
  const cache = (maxEntries = 100) =>
    new TargetCache(records.load, { maxAgeMs: 1_000, maxEntries, now: () => clock });

  beforeEach(() => {
    records = new Records();
    records.targets.set('a', running('http://a'));
    clock = 0;
  });

  it('serves a running target from memory while it hears every write', async () => {
    const targets = cache();
    targets.listening();
    expect(await targets.get('a')).toEqual(running('http://a'));
    expect(await targets.get('a')).toEqual(running('http://a'));
    expect(records.reads).toBe(1);
  });

  it('reads every request from the store until the subscription is confirmed', async () => {
    const targets = cache();
    await targets.get('a');
    await targets.get('a');
    expect(records.reads).toBe(2);
    expect(targets.size).toBe(0);
  });

  it('sees a pause at the next request once the write is announced', async () => {
    const targets = cache();
    targets.listening();
    await targets.get('a');
    records.targets.set('a', paused);
    targets.changed('a');
    expect(await targets.get('a')).toEqual(paused);
  });

  it('never keeps a state other than running, so a paused runtime is looked at again', async () => {
    records.targets.set('a', paused);
    const targets = cache();
    targets.listening();
    await targets.get('a');
    await targets.get('a');
    expect(records.reads).toBe(2);
  });

  it('does not store a read that was in flight when a write was announced', async () => {
    const targets = cache();
    targets.listening();
    records.holdNextAnswer();
    const stale = targets.get('a'); // read before the write, answered after its announcement
    records.targets.set('a', paused);
    targets.changed('a');
    records.releaseAnswer();
    expect(await stale).toEqual(running('http://a'));
    expect(await targets.get('a')).toEqual(paused);
  });

  it('forgets everything and stops serving while the subscription is down', async () => {
    const targets = cache();
    targets.listening();
    await targets.get('a');
    targets.lost();
    records.targets.set('a', paused); // announced while nobody listened
    expect(await targets.get('a')).toEqual(paused);
    records.targets.set('a', running('http://a2'));
    await targets.get('a');
    expect(targets.size).toBe(0);
    targets.listening();
    expect(await targets.get('a')).toEqual(running('http://a2'));
    expect(targets.size).toBe(1);
  });

  it('reads an entry again once it is older than maxAgeMs', async () => {
    const targets = cache();
    targets.listening();
    await targets.get('a');
    clock = 999;
    await targets.get('a');
    expect(records.reads).toBe(1);
    clock = 1_000;
    await targets.get('a');
    expect(records.reads).toBe(2);
  });

  it('holds at most maxEntries runtimes, dropping the oldest', async () => {
    for (const id of ['b', 'c']) records.targets.set(id, running(`http://${id}`));
    const targets = cache(2);
    targets.listening();
    for (const id of ['a', 'b', 'c']) await targets.get(id);
    expect(targets.size).toBe(2);
    await targets.get('b');
    await targets.get('c');
    expect(records.reads).toBe(3);
    await targets.get('a');
    expect(records.reads).toBe(4);
  });
});
