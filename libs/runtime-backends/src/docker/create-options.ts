import type { ContainerCreateOptions, MountSettings } from 'dockerode';
import { ownershipLabels } from '../labels';
import type { RuntimeSpec } from '../runtime-backend';
import type { ResolvedDockerOptions } from './docker-options';
import { containerName, PORTS_LABEL, volumeName } from './names';

/** Facts about the host the create options depend on, passed in so the mapping stays pure. */
export interface HostFacts {
  /** CPUs the engine has; limits above it are refused by the engine, so they are capped. */
  engineCpus: number;
  pathExists(path: string): boolean;
  createdAt: Date;
}

/** The engine's create request for a runtime's container (internal to the docker backend). */
export function buildCreateOptions(
  spec: RuntimeSpec,
  options: ResolvedDockerOptions,
  host: HostFacts,
): ContainerCreateOptions {
  const labels = {
    ...spec.labels,
    ...ownershipLabels(options.owner, spec.runtimeId, spec.sessionId, host.createdAt),
    [PORTS_LABEL]: spec.ports.join(','),
  };
  const hostNetwork = options.network === 'host';
  return {
    name: containerName(spec.runtimeId),
    Image: spec.image,
    ...(spec.command.length > 0 ? { Cmd: [...spec.command] } : {}),
    ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
    ...(spec.runAsUser === undefined ? {} : { User: userOf(spec.runAsUser, spec.runAsGroup) }),
    Env: Object.entries(spec.environment).map(([key, value]) => `${key}=${value}`),
    Labels: labels,
    ...(hostNetwork ? {} : { ExposedPorts: exposedPorts(spec.ports) }),
    HostConfig: {
      NetworkMode: options.network,
      ...(hostNetwork ? {} : { PortBindings: portBindings(spec.ports, options.publishHost) }),
      Memory: options.memoryBytesPerUnit * spec.resourceFactor,
      NanoCpus: nanoCpus(options.cpusPerUnit * spec.resourceFactor, host.engineCpus),
      Mounts: mounts(spec, options, host),
      ...(spec.fsGroup === undefined ? {} : { GroupAdd: [String(spec.fsGroup)] }),
    },
  };
}

function userOf(uid: number, gid: number | undefined): string {
  return gid === undefined ? String(uid) : `${uid}:${gid}`;
}

function exposedPorts(ports: readonly number[]): Record<string, object> {
  return Object.fromEntries(ports.map((port) => [`${port}/tcp`, {}]));
}

/** An empty HostPort asks the engine for a random free port. */
function portBindings(ports: readonly number[], hostIp: string): Record<string, object[]> {
  return Object.fromEntries(
    ports.map((port) => [`${port}/tcp`, [{ HostIp: hostIp, HostPort: '' }]]),
  );
}

function nanoCpus(cpus: number, engineCpus: number): number {
  return Math.round(Math.min(cpus, engineCpus) * 1e9);
}

function mounts(
  spec: RuntimeSpec,
  options: ResolvedDockerOptions,
  host: HostFacts,
): MountSettings[] {
  const workspace: MountSettings =
    options.workspace.kind === 'volume'
      ? { Type: 'volume', Source: volumeName(spec.runtimeId), Target: options.workspacePath }
      : {
          Type: 'bind',
          Source: bindSource(options.workspace.root, spec.runtimeId),
          Target: options.workspacePath,
        };
  const credentials = options.credentialMounts
    .filter((mount) => host.pathExists(mount.hostPath))
    .map((mount): MountSettings => ({
      Type: 'bind',
      Source: mount.hostPath,
      Target: mount.containerPath,
      ReadOnly: true,
    }));
  return [workspace, ...credentials];
}

/** Host directory of a runtime's workspace in bind mode. */
export function bindSource(root: string, runtimeId: string): string {
  return `${root.replace(/\/+$/, '')}/${runtimeId}`;
}
