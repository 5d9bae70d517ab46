import type { BackendName, OwnedRuntime, RuntimeBackend, RuntimeHandle } from '../runtime-backend';

/** Test helper: a backend whose methods throw unless the test supplies them, so stray calls fail. */
export function strictFakeBackend(
  name: BackendName,
  methods: Partial<Omit<RuntimeBackend, 'name'>>,
): RuntimeBackend {
  const unexpected = (method: string) => () => {
    throw new Error(`unexpected call: ${name}.${method}`);
  };
  return {
    name,
    start: unexpected('start'),
    stop: unexpected('stop'),
    pause: unexpected('pause'),
    resume: unexpected('resume'),
    inspect: unexpected('inspect'),
    list: unexpected('list'),
    exec: unexpected('exec'),
    attachCommand: unexpected('attachCommand'),
    ping: unexpected('ping'),
    ...methods,
  };
}

/** Test helper: a handle for `runtimeId` on `backend`. */
export function fakeHandle(backend: BackendName, runtimeId: string): RuntimeHandle {
  return { backend, runtimeId, ref: `ref-${runtimeId}`, endpoints: {} };
}

/** Test helper: an owned runtime as a backend's `list` reports it. */
export function fakeOwned(
  backend: BackendName,
  runtimeId: string,
  status: OwnedRuntime['status'] = 'running',
): OwnedRuntime {
  return {
    handle: fakeHandle(backend, runtimeId),
    sessionId: `session-${runtimeId}`,
    status,
    createdAt: '2024-01-01T00:00:00.000Z',
    labels: {},
  };
}
