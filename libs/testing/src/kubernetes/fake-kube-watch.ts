import type { ServerResponse } from 'node:http';
import { matchesSelector } from './fake-kube-checks';
import type { FakeKubeStore, KubeObject, StoredChange } from './fake-kube-store';

const WATCH_PARAMS = new Set(['watch', 'labelSelector', 'resourceVersion', 'allowWatchBookmarks']);

/** A Status object as the real API server writes it in a body or an ERROR watch event. */
export function kubeStatus(code: number, reason: string, message: string): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/**
 * Serves `GET .../pods?watch=true` the way the real API server does: a 200 whose body is one
 * JSON watch event per line. Without a resourceVersion (or with "0") it first sends the current
 * objects as ADDED; with one it replays every change after it, or answers a single ERROR event
 * with a 410 Expired Status when that version was compacted away.
 */
export class FakeWatchStreams {
  /** Answer watches with 503 instead of a stream (an API server shedding watches). */
  refuse = false;
  /** Open streams and how to stop feeding each. */
  private readonly open = new Map<ServerResponse, () => void>();

  constructor(
    private readonly store: FakeKubeStore,
    private readonly unexpected: string[],
  ) {}

  /** Watch streams currently open. */
  get openCount(): number {
    return this.open.size;
  }

  serve(query: URLSearchParams, res: ServerResponse): number {
    const selector = query.get('labelSelector') ?? '';
    this.checkQuery(query, selector);
    if (this.refuse) {
      const body = kubeStatus(503, 'ServiceUnavailable', 'the fake refuses watches');
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return 503;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    const from = query.get('resourceVersion') ?? '';
    const backlog = this.backlog(from, selector);
    if (backlog === 'expired') {
      const why = `too old resource version: ${from} (${this.store.oldestWatchable})`;
      res.end(`${JSON.stringify({ type: 'ERROR', object: kubeStatus(410, 'Expired', why) })}\n`);
      return 200;
    }
    for (const line of backlog) res.write(line);
    this.follow(selector, res);
    return 200;
  }

  /** Ends every open stream, as an API server does at its request timeout or on a restart. */
  closeAll(): void {
    for (const [res, unsubscribe] of this.open) {
      unsubscribe();
      res.end();
    }
    this.open.clear();
  }

  private backlog(from: string, selector: string): string[] | 'expired' {
    if (from === '' || from === '0') {
      const current = [...this.store.collection('pods').values()];
      return current.filter((o) => matches(o, selector)).map((o) => line('ADDED', o));
    }
    const revision = Number(from);
    if (revision < this.store.oldestWatchable) return 'expired';
    return this.store
      .changesAfter('pods', revision)
      .filter((c) => matches(c.object, selector))
      .map((c) => line(c.type, c.object));
  }

  private follow(selector: string, res: ServerResponse): void {
    const unsubscribe = this.store.subscribe((change: StoredChange) => {
      if (change.resource === 'pods' && matches(change.object, selector)) {
        res.write(line(change.type, change.object));
      }
    });
    this.open.set(res, unsubscribe);
    res.on('close', () => {
      unsubscribe();
      this.open.delete(res);
    });
  }

  private checkQuery(query: URLSearchParams, selector: string): void {
    for (const key of query.keys()) {
      if (!WATCH_PARAMS.has(key)) this.unexpected.push(`watch parameter ${key}`);
    }
    const owned = selector.includes('org.agentrt.managed-by=agentrt');
    if (!owned || !selector.includes('org.agentrt.owner=')) {
      this.unexpected.push(`watch without the ownership selector: "${selector}"`);
    }
    const from = query.get('resourceVersion');
    if (from && !(Number(from) <= Number(this.store.resourceVersion))) {
      this.unexpected.push(`watch from unknown resourceVersion ${from}`);
    }
  }
}

function matches(object: KubeObject, selector: string): boolean {
  return matchesSelector(object.metadata.labels, selector);
}

function line(type: string, object: KubeObject): string {
  return `${JSON.stringify({ type, object })}\n`;
}
