import { DNS_LABEL, labelProblems } from './fake-kube-labels';

interface Container {
  name?: unknown;
  image?: unknown;
  command?: unknown;
  args?: unknown;
  volumeMounts?: { name?: string; mountPath?: string }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  terminationMessagePolicy?: unknown;
}

interface JobBody {
  spec?: {
    selector?: unknown;
    manualSelector?: boolean;
    backoffLimit?: unknown;
    activeDeadlineSeconds?: unknown;
    ttlSecondsAfterFinished?: unknown;
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: {
        restartPolicy?: unknown;
        containers?: Container[];
        volumes?: { name?: string }[];
        serviceAccountName?: unknown;
      };
    };
  };
}

const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** What the real API server refuses in a batch/v1 Job (the part of its validation ours touches). */
export function jobProblems(body: unknown): string[] {
  const spec = (body as JobBody).spec;
  const pod = spec?.template?.spec;
  if (!pod) return ['spec.template.spec is required'];
  const problems = [
    ...counterProblems(spec),
    ...labelProblems(spec.template?.metadata?.labels),
    ...(pod.containers ?? []).flatMap((c) => containerProblems(c, pod.volumes ?? [])),
  ];
  // The API server generates the selector itself unless manualSelector asks otherwise.
  if (spec.selector !== undefined && spec.manualSelector !== true)
    problems.push('spec.selector set without manualSelector');
  if (pod.restartPolicy !== 'Never' && pod.restartPolicy !== 'OnFailure')
    problems.push(`restartPolicy ${String(pod.restartPolicy)} (a Job needs Never or OnFailure)`);
  if ((pod.containers ?? []).length === 0) problems.push('no containers');
  const names = (pod.volumes ?? []).map((v) => v.name ?? '');
  if (new Set(names).size !== names.length) problems.push('duplicate volume names');
  return problems;
}

function counterProblems(spec: NonNullable<JobBody['spec']>): string[] {
  const problems: string[] = [];
  const counters = {
    backoffLimit: { value: spec.backoffLimit, min: 0 },
    activeDeadlineSeconds: { value: spec.activeDeadlineSeconds, min: 1 },
    ttlSecondsAfterFinished: { value: spec.ttlSecondsAfterFinished, min: 0 },
  };
  for (const [field, { value, min }] of Object.entries(counters)) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || (value as number) < min) problems.push(`${field} ${value}`);
  }
  return problems;
}

function containerProblems(container: Container, volumes: { name?: string }[]): string[] {
  const name = typeof container.name === 'string' ? container.name : '';
  const problems: string[] = [];
  if (!DNS_LABEL.test(name)) problems.push(`invalid container name "${name}"`);
  if (typeof container.image !== 'string' || container.image === '')
    problems.push(`container ${name} has no image`);
  for (const field of ['command', 'args'] as const) {
    const list = container[field];
    if (list !== undefined && !(Array.isArray(list) && list.every((a) => typeof a === 'string')))
      problems.push(`container ${name} ${field} is not a list of strings`);
  }
  for (const mount of container.volumeMounts ?? []) {
    if (!volumes.some((v) => v.name === mount.name))
      problems.push(`volumeMount ${mount.name} names no volume`);
    if (!mount.mountPath?.startsWith('/')) problems.push(`mountPath ${mount.mountPath}`);
  }
  const policy = container.terminationMessagePolicy;
  if (policy !== undefined && !MESSAGE_POLICIES.includes(String(policy)))
    problems.push(`terminationMessagePolicy ${String(policy)}`);
  const quantities = { ...container.resources?.requests, ...container.resources?.limits };
  for (const [resource, quantity] of Object.entries(quantities)) {
    if (!QUANTITY.test(String(quantity))) problems.push(`${resource} quantity ${String(quantity)}`);
  }
  return problems;
}

/**
 * A Job's pod runs the user's build steps, so no secret value may appear anywhere in it: not in
 * args, env, annotations or labels. Values under 6 characters are skipped (they turn up by chance).
 */
export function jobLeaks(body: unknown, values: readonly string[]): string[] {
  const text = JSON.stringify(body);
  return values
    .filter((v) => v.length >= 6 && text.includes(v))
    .map((v) => `holds the secret value ${v.slice(0, 3)}… in clear`);
}
