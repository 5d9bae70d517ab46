import { Readiness } from './readiness';

describe('Readiness', () => {
  it('is not ready before boot, nor while a gated task runs', async () => {
    const readiness = new Readiness();
    let finish: () => void = () => undefined;
    const task = new Promise<void>((resolve) => (finish = resolve));
    readiness.gate(task);
    readiness.onApplicationBootstrap();
    expect(readiness.ready).toBe(false);
    expect(readiness.reason).toBe('still loading state');
    finish();
    await task;
    expect(readiness.ready).toBe(true);
  });

  it('stays not-ready with the reason when a start-up task fails', async () => {
    const readiness = new Readiness();
    const failing = Promise.reject(new Error('state dir unreadable'));
    readiness.gate(failing);
    readiness.onApplicationBootstrap();
    await failing.catch(() => undefined);
    expect(readiness.ready).toBe(false);
    expect(readiness.reason).toBe('start-up failed: state dir unreadable');
  });
});
