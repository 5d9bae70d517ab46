/** Validity rules the real API server applies to what the backend sends; the fake enforces them. */
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

const KINDS: Record<string, string> = {
  pods: 'Pod',
  services: 'Service',
  persistentvolumeclaims: 'PersistentVolumeClaim',
};

/** The kind a collection path segment holds, or undefined for collections the fake does not serve. */
export function kindOf(resource: string): string | undefined {
  return KINDS[resource];
}

/** Problems with a created object's manifest; empty when the real API server would accept it. */
export function manifestProblems(body: unknown, kind: string, namespace: string): string[] {
  const object = body as {
    apiVersion?: string;
    kind?: string;
    metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  };
  const problems: string[] = [];
  if (object.apiVersion !== 'v1') problems.push(`apiVersion ${object.apiVersion}`);
  if (object.kind !== kind) problems.push(`kind ${object.kind} on the ${kind} collection`);
  const name = object.metadata?.name ?? '';
  if (!NAME.test(name) || name.length > 63) problems.push(`invalid name "${name}"`);
  const ns = object.metadata?.namespace;
  if (ns !== undefined && ns !== namespace) problems.push(`namespace ${ns} in a ${namespace} URL`);
  for (const [key, value] of Object.entries(object.metadata?.labels ?? {})) {
    if (!LABEL_NAME.test(key) || key.length > 63) problems.push(`invalid label key "${key}"`);
    if (!LABEL_VALUE.test(value) || value.length > 63)
      problems.push(`invalid label value "${value}"`);
  }
  return problems;
}

/** True when the object's labels satisfy an equality-only selector such as `a=b,c=d`. */
export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: string,
): boolean {
  return selector
    .split(',')
    .filter((term) => term.length > 0)
    .every((term) => {
      const [key = '', value = ''] = term.split('=');
      return labels?.[key] === value;
    });
}
