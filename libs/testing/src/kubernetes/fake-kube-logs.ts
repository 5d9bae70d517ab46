import type { ServerResponse } from 'node:http';
import type { FakeKubeStore, KubeObject } from './fake-kube-store';
import { kubeStatus } from './fake-kube-watch';

const LOG_PARAMS = new Set([
  'container',
  'follow',
  'pretty',
  'previous',
  'timestamps',
  'tailLines',
  'sinceTime',
  'sinceSeconds',
  'limitBytes',
]);

interface PodShape {
  spec?: { containers?: { name?: string }[] };
  status?: {
    phase?: string;
    containerStatuses?: { name?: string; state?: { waiting?: { reason?: string } } }[];
  };
}

/**
 * `GET .../pods/<pod>/log` as the kubelet serves it through the API server: the text so far as
 * text/plain, 400 while the container has not started, and with `follow=true` a stream that
 * stays open and carries each `append` until the container ends (`finish`) or the pod goes.
 */
export class FakePodLogs {
  private readonly texts = new Map<string, string>();
  private readonly finished = new Set<string>();
  private readonly followers = new Map<string, Set<ServerResponse>>();

  constructor(
    private readonly store: FakeKubeStore,
    private readonly unexpected: string[],
  ) {}

  /** Replaces the pod's log (a container that already wrote this much). */
  set(pod: string, text: string): void {
    this.texts.set(pod, text);
  }

  /** What the pod's container wrote so far. */
  text(pod: string): string {
    return this.texts.get(pod) ?? '';
  }

  /** The container writes more; open follow streams see it at once. */
  append(pod: string, text: string): void {
    this.texts.set(pod, (this.texts.get(pod) ?? '') + text);
    for (const res of this.followers.get(pod) ?? []) res.write(text);
  }

  /** The container ended: follow streams end too, as the real ones do. */
  finish(pod: string): void {
    this.finished.add(pod);
    for (const res of this.followers.get(pod) ?? []) res.end();
    this.followers.delete(pod);
  }

  /** Follow streams still open. */
  get openCount(): number {
    return [...this.followers.values()].reduce((sum, set) => sum + set.size, 0);
  }

  /** Answers one log request; returns the HTTP status it answered with. */
  serve(name: string, query: URLSearchParams, res: ServerResponse): number {
    for (const key of query.keys()) {
      if (!LOG_PARAMS.has(key)) this.unexpected.push(`log parameter ${key}`);
    }
    const pod = this.store.collection('pods').get(name);
    if (!pod) return refuse(res, 404, 'NotFound', `pods "${name}" not found`);
    const refusal = containerRefusal(pod, name, query.get('container') ?? '');
    if (refusal) return refuse(res, 400, 'BadRequest', refusal);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write(tail(this.texts.get(name) ?? '', query.get('tailLines')));
    if (query.get('follow') !== 'true' || this.finished.has(name)) {
      res.end();
      return 200;
    }
    const open = this.followers.get(name) ?? new Set<ServerResponse>();
    this.followers.set(name, open.add(res));
    res.on('close', () => open.delete(res));
    return 200;
  }

  closeAll(): void {
    for (const pod of this.followers.keys()) this.finish(pod);
  }
}

/** Why the API server would refuse logs of this container, if it would. */
function containerRefusal(pod: KubeObject, name: string, container: string): string | undefined {
  const shape = pod as PodShape;
  if (!(shape.spec?.containers ?? []).some((c) => c.name === container))
    return `container ${container} is not valid for pod ${name}`;
  const status = shape.status?.containerStatuses?.find((s) => s.name === container);
  const waiting =
    status?.state?.waiting?.reason ?? (shape.status?.phase === 'Pending' && 'Pending');
  if (waiting) return `container "${container}" in pod "${name}" is waiting to start: ${waiting}`;
  return undefined;
}

function tail(text: string, tailLines: string | null): string {
  if (tailLines === null) return text;
  const lines = text.split('\n');
  const last = lines.pop(); // '' after a final newline
  const kept = lines.slice(-Number(tailLines));
  return kept.join('\n') + (kept.length > 0 ? '\n' : '') + (last ?? '');
}

function refuse(res: ServerResponse, code: number, reason: string, message: string): number {
  const body = JSON.stringify(kubeStatus(code, reason, message));
  res.writeHead(code, { 'content-type': 'application/json' }).end(body);
  return code;
}
