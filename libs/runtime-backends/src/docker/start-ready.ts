import type Dockerode from 'dockerode';
import type { RuntimeHandle, RuntimeSpec } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { logsTail } from './runtime-resources';
import type { ResolvedDockerOptions } from './docker-options';
import { endpointsOf } from './endpoints';
import { waitUntilReady } from './readiness';

/**
 * Creates and starts the container, then waits for `spec.readiness` if set. Throws
 * `not_ready` with the last log lines; the caller removes what was created.
 */
export async function startReady(
  docker: Dockerode,
  options: ResolvedDockerOptions,
  spec: RuntimeSpec,
  create: Dockerode.ContainerCreateOptions,
): Promise<RuntimeHandle> {
  const container = await docker.createContainer(create);
  await container.start();
  const info = await container.inspect();
  const endpoints = endpointsOf(info, options);
  const handle: RuntimeHandle = {
    backend: 'docker',
    runtimeId: spec.runtimeId,
    ref: info.Id,
    endpoints,
  };
  if (spec.readiness) await waitReady(docker, options, spec, handle, container);
  return handle;
}

async function waitReady(
  docker: Dockerode,
  options: ResolvedDockerOptions,
  spec: RuntimeSpec,
  handle: RuntimeHandle,
  container: Dockerode.Container,
): Promise<void> {
  const probe = spec.readiness;
  if (!probe) return;
  const baseUrl = handle.endpoints[probe.port];
  if (baseUrl === undefined) {
    throw new RuntimeBackendError(
      'invalid_spec',
      `readiness port ${probe.port} is not among the runtime's ports`,
    );
  }
  const isRunning = async (): Promise<boolean> => (await container.inspect()).State.Running;
  const failure = await waitUntilReady(baseUrl, probe, isRunning, options.clock);
  if (!failure) return;
  const why =
    failure.kind === 'exited'
      ? 'the container exited'
      : `no 2xx within ${probe.timeoutMs} ms (last: ${failure.lastError})`;
  const tail = await logsTail(docker, spec.runtimeId);
  throw new RuntimeBackendError(
    'not_ready',
    `runtime ${spec.runtimeId} did not become ready at ${probe.path}: ${why}\n--- last log lines ---\n${tail}`,
    tail,
  );
}
