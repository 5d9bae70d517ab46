/** A rendered Kubernetes object: only the envelope is typed; the rest is checked by schema. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asK8sObject(value: unknown, source: string): K8sObject {
  const metadata = isRecord(value) ? value['metadata'] : undefined;
  if (
    !isRecord(value) ||
    typeof value['apiVersion'] !== 'string' ||
    typeof value['kind'] !== 'string' ||
    !isRecord(metadata) ||
    typeof metadata['name'] !== 'string'
  ) {
    throw new Error(`${source}: not a Kubernetes object (apiVersion, kind, metadata.name)`);
  }
  return value as K8sObject;
}

/** Calls `visit` on every object nested in `value` (arrays included), depth first. */
export function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((item) => walk(item, visit));
  else if (isRecord(value)) {
    visit(value);
    Object.values(value).forEach((child) => walk(child, visit));
  }
}
