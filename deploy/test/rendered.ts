import { join } from 'node:path';
import { isRecord, type K8sObject } from './k8s-object';
import { kustomize } from './kustomize';

export const DEPLOY_DIR = join(__dirname, '..');

/** The example overlay, rendered once per spec file. */
export function renderExample(): K8sObject[] {
  return kustomize(join(DEPLOY_DIR, 'overlays', 'example'));
}

export function find(
  objects: K8sObject[],
  kind: string,
  name: string,
  namespace?: string,
): K8sObject {
  const found = objects.find(
    (o) =>
      o.kind === kind &&
      o.metadata.name === name &&
      (!namespace || o.metadata.namespace === namespace),
  );
  if (!found) throw new Error(`no ${kind}/${name} rendered`);
  return found;
}

/** The first container of a Deployment's pod template, typed loosely (schemas checked it). */
export interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface Probe {
  httpGet?: { path: string; port: number | string };
  tcpSocket?: { port: number | string };
}

export function podSpec(
  workload: K8sObject,
): { containers: Container[] } & Record<string, unknown> {
  const spec = workload['spec'];
  const template = isRecord(spec) ? spec['template'] : undefined;
  const pod = isRecord(template) ? template['spec'] : undefined;
  if (!isRecord(pod)) throw new Error(`${workload.metadata.name}: no pod template`);
  return pod as { containers: Container[] };
}

/** A probe's or Service's port as a number: named ports resolve through the container's ports. */
export function portNumber(
  container: Container,
  port: number | string | undefined,
): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** The first item, or a failure naming what was missing (instead of a non-null assertion). */
export function first<T>(items: readonly T[] | undefined, what: string): T {
  const item = items?.[0];
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}
