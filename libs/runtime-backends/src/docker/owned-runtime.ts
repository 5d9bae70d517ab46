import type { ContainerInfo } from 'dockerode';
import { LABELS } from '../labels';
import type { OwnedRuntime, RuntimeInspection } from '../runtime-backend';
import { exitCodeFromStatusText, mapContainerStatus, NOT_FOUND_STATUS } from './container-status';
import { endpointsFor, portsFromLabel } from './endpoints';
import type { ResolvedDockerOptions } from './docker-options';
import { PORTS_LABEL } from './names';

/** Rebuilds a runtime (handle included) from a `docker ps` entry carrying our labels. */
export function toOwnedRuntime(c: ContainerInfo, options: ResolvedDockerOptions): OwnedRuntime {
  const labels = c.Labels;
  const published = new Map(
    c.Ports.filter((p) => p.PublicPort).map((p) => [p.PrivatePort, p.PublicPort]),
  );
  const hostNetwork = options.network === 'host';
  const ports = portsFromLabel(labels[PORTS_LABEL]);
  const { status } = mapContainerStatus({
    state: c.State,
    exitCode: exitCodeFromStatusText(c.Status),
    oomKilled: false,
  });
  return {
    handle: {
      backend: 'docker',
      runtimeId: labels[LABELS.runtimeId] ?? '',
      ref: c.Id,
      endpoints: endpointsFor(ports, published, hostNetwork, options.publishHost),
    },
    sessionId: labels[LABELS.sessionId] ?? '',
    status,
    createdAt: labels[LABELS.createdAt] ?? new Date(c.Created * 1000).toISOString(),
    labels,
  };
}

/** What `inspect` answers for a runtime whose container is gone. */
export function notFoundInspection(): RuntimeInspection {
  return {
    ...NOT_FOUND_STATUS,
    restartCount: 0,
    restartReasons: [],
    logsTail: '',
    events: [],
    createdAt: '',
    labels: {},
  };
}
