import { jobProblems } from './fake-kube-job-checks';
import { DNS_LABEL, labelProblems } from './fake-kube-labels';

/* Validity rules the real API server applies to what the backend sends; the fake enforces them. */

// Each collection the fake serves, with the kind it holds and the API group/version serving it.
const KINDS: Record<string, { kind: string; apiVersion: string }> = {
  pods: { kind: 'Pod', apiVersion: 'v1' },
  services: { kind: 'Service', apiVersion: 'v1' },
  persistentvolumeclaims: { kind: 'PersistentVolumeClaim', apiVersion: 'v1' },
  secrets: { kind: 'Secret', apiVersion: 'v1' },
  jobs: { kind: 'Job', apiVersion: 'batch/v1' },
};
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The kind a collection path segment holds under `apiVersion` (`v1` for /api/v1, `batch/v1` for
 * /apis/batch/v1), or undefined for collections the fake does not serve there.
 */
export function kindOf(resource: string, apiVersion = 'v1'): string | undefined {
  const entry = KINDS[resource];
  return entry?.apiVersion === apiVersion ? entry.kind : undefined;
}

function apiVersionOf(kind: string): string {
  return Object.values(KINDS).find((entry) => entry.kind === kind)?.apiVersion ?? 'v1';
}

/** Problems with a created object's manifest; empty when the real API server would accept it. */
export function manifestProblems(body: unknown, kind: string, namespace: string): string[] {
  const object = body as {
    apiVersion?: string;
    kind?: string;
    metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  };
  const problems: string[] = [];
  if (object.apiVersion !== apiVersionOf(kind)) problems.push(`apiVersion ${object.apiVersion}`);
  if (object.kind !== kind) problems.push(`kind ${object.kind} on the ${kind} collection`);
  const name = object.metadata?.name ?? '';
  if (!DNS_LABEL.test(name) || name.length > 63) problems.push(`invalid name "${name}"`);
  const ns = object.metadata?.namespace;
  if (ns !== undefined && ns !== namespace) problems.push(`namespace ${ns} in a ${namespace} URL`);
  problems.push(...labelProblems(object.metadata?.labels));
  if (kind === 'Secret') problems.push(...secretProblems(body));
  if (kind === 'Job') problems.push(...jobProblems(body));
  return problems;
}

/** A Secret must carry base64 `data` under valid keys; `type` is Opaque for ours. */
function secretProblems(body: unknown): string[] {
  const secret = body as { type?: string; data?: Record<string, unknown>; stringData?: unknown };
  const problems: string[] = [];
  if (secret.type !== 'Opaque') problems.push(`secret type ${secret.type}`);
  if (secret.stringData !== undefined) problems.push('stringData (values must be base64 data)');
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    if (!SECRET_KEY.test(key)) problems.push(`invalid secret key "${key}"`);
    if (typeof value !== 'string' || !BASE64.test(value))
      problems.push(`secret key ${key} is not base64`);
  }
  return problems;
}

/** The decoded values of a stored Secret's data. */
export function secretValues(secret: unknown): string[] {
  const data = (secret as { data?: Record<string, string> }).data ?? {};
  return Object.values(data).map((v) => Buffer.from(v, 'base64').toString('utf8'));
}

/**
 * Where an object created next to our Secrets would show a secret value in clear: an annotation
 * or an inline container `env` value. Values under 6 characters are skipped, because short ones
 * turn up in any JSON by chance.
 */
export function leakedSecrets(body: unknown, values: readonly string[]): string[] {
  const object = body as {
    metadata?: { annotations?: Record<string, string> };
    spec?: { containers?: { env?: { name: string; value?: string }[] }[] };
  };
  const secrets = values.filter((v) => v.length >= 6);
  const annotations = Object.entries(object.metadata?.annotations ?? {})
    .filter(([, text]) => secrets.some((s) => text.includes(s)))
    .map(([key]) => `annotation ${key} holds a secret value`);
  const env = (object.spec?.containers ?? [])
    .flatMap((c) => c.env ?? [])
    .filter((e) => e.value !== undefined && secrets.includes(e.value))
    .map((e) => `env ${e.name} holds a secret value inline`);
  return [...annotations, ...env];
}

/** Names of the Secrets a pod's containers take their environment from. */
export function secretRefsOf(body: unknown): string[] {
  const pod = body as {
    spec?: { containers?: { envFrom?: { secretRef?: { name?: string } }[] }[] };
  };
  return (pod.spec?.containers ?? [])
    .flatMap((c) => c.envFrom ?? [])
    .flatMap((e) => (e.secretRef?.name ? [e.secretRef.name] : []));
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
