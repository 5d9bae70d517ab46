import type { ContainerInspectInfo } from 'dockerode';
import type { ResolvedDockerOptions } from './docker-options';
import { PORTS_LABEL } from './names';

/** Published ports of a container: container port -> host port. */
export type PortMap = ReadonlyMap<number, number>;

/** Base URLs per container port; on the host network the container port is the host port. */
export function endpointsFor(
  ports: readonly number[],
  published: PortMap,
  hostNetwork: boolean,
  publishHost: string,
): Record<number, string> {
  const host = publishHost === '0.0.0.0' || publishHost === '' ? '127.0.0.1' : publishHost;
  const result: Record<number, string> = {};
  for (const port of ports) {
    const hostPort = hostNetwork ? port : published.get(port);
    if (hostPort !== undefined) result[port] = `http://${host}:${hostPort}`;
  }
  return result;
}

/** Reads the engine's port mappings from a container inspection. */
export function publishedPorts(info: ContainerInspectInfo): PortMap {
  const map = new Map<number, number>();
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const hostPort = bindings?.[0]?.HostPort;
    if (hostPort) map.set(Number.parseInt(key, 10), Number(hostPort));
  }
  return map;
}

/** Container ports recorded in our ports label ('8000,3000'). */
export function portsFromLabel(value: string | undefined): number[] {
  if (!value) return [];
  return value.split(',').map(Number).filter(Number.isInteger);
}

/** Endpoints of an inspected container, from its ports label and the engine's port mappings. */
export function endpointsOf(
  info: ContainerInspectInfo,
  options: Pick<ResolvedDockerOptions, 'network' | 'publishHost'>,
): Record<number, string> {
  const ports = portsFromLabel(info.Config.Labels?.[PORTS_LABEL]);
  return endpointsFor(ports, publishedPorts(info), options.network === 'host', options.publishHost);
}
