import { waitFor } from '@agentrt/testing';
import type { RuntimeBackend, RuntimeHandle, RuntimeInspection } from '../runtime-backend';
import { LocalFixture, SPEC_PORT } from './testing/local-fixture';

let fx: LocalFixture;

beforeEach(async () => {
  fx = await LocalFixture.create();
});

afterEach(async () => {
  await fx.cleanup();
});

/** Waits until the runtime's inspection shows it went down. */
function inspectWhenDown(backend: RuntimeBackend, handle: RuntimeHandle) {
  return waitFor(
    async (): Promise<RuntimeInspection | false> => {
      const inspection = await backend.inspect(handle);
      return inspection.events.some((e) => e.reason === 'Exited') && inspection;
    },
    { timeoutMs: 10_000, description: 'the exit to be recorded' },
  );
}

describe('LocalBackend events (real processes)', () => {
  it('reports started, paused and resumed events in order, and no restarts', async () => {
    const backend = fx.backend();
    const handle = await backend.start(fx.spec());
    await backend.pause(handle);
    await backend.resume(handle);
    const inspection = await fx.backend().inspect(handle);
    expect(inspection.events.map((e) => e.reason)).toEqual(['Started', 'Paused', 'Resumed']);
    expect(inspection.events[0]?.message).toBe(`process ${handle.ref} started`);
    expect(inspection).toMatchObject({ restartCount: 0, restartReasons: [], status: 'running' });
  });

  it('reports a crash with its exit code', async () => {
    const backend = fx.backend();
    const handle = await backend.start(fx.spec());
    await fetch(`${handle.endpoints[SPEC_PORT]}/exit`);
    const inspection = await inspectWhenDown(backend, handle);
    expect(inspection).toMatchObject({ status: 'error', podStatus: 'failed', restartCount: 0 });
    expect(inspection.events.at(-1)).toMatchObject({
      reason: 'Exited',
      message: 'exited with code 3',
    });
    expect(inspection.restartReasons).toEqual(['exited with code 3']);
  });

  it('reports a runtime killed from outside with the signal', async () => {
    const backend = fx.backend();
    const handle = await backend.start(fx.spec());
    process.kill(Number(handle.ref), 'SIGKILL');
    const inspection = await inspectWhenDown(backend, handle);
    expect(inspection.events.at(-1)?.message).toBe('killed by signal SIGKILL');
  });

  it('records no exit for a stopped runtime and leaves no events behind', async () => {
    const backend = fx.backend();
    const handle = await backend.start(fx.spec());
    await backend.stop(handle);
    expect((await backend.inspect(handle)).events).toEqual([]);
    await backend.start(fx.spec({ runtimeId: handle.runtimeId }));
    const events = (await backend.inspect(handle)).events;
    expect(events.map((e) => e.reason)).toEqual(['Started']);
  });
});
