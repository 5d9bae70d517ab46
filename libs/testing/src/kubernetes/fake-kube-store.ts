/** An object as the fake stores it: whatever was created, plus server-set metadata. */
export interface KubeObject {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    deletionTimestamp?: string;
    [field: string]: unknown;
  };
  status?: unknown;
  [field: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One numbered change, as a watch replays it. */
export interface StoredChange {
  resource: string;
  type: WatchEventType;
  object: KubeObject;
  revision: number;
}

/**
 * The fake's etcd: every write gets the next resourceVersion (one counter for all kinds, like
 * the real server) and is kept in a history that watches replay from a resourceVersion, until
 * `compact` drops it (after which such a watch answers 410 Expired).
 */
export class FakeKubeStore {
  private revision = 1;
  private compactedThrough = 0;
  private readonly history: StoredChange[] = [];
  private readonly collections = new Map<string, Map<string, KubeObject>>();
  private readonly subscribers = new Set<(change: StoredChange) => void>();

  /** The latest resourceVersion, as a list answer carries it. */
  get resourceVersion(): string {
    return String(this.revision);
  }

  /** The oldest resourceVersion a watch can still start from. */
  get oldestWatchable(): number {
    return this.compactedThrough;
  }

  collection(resource: string): Map<string, KubeObject> {
    const existing = this.collections.get(resource);
    if (existing) return existing;
    const created = new Map<string, KubeObject>();
    this.collections.set(resource, created);
    return created;
  }

  get collectionsInUse(): Map<string, Map<string, KubeObject>> {
    return this.collections;
  }

  /** Stores a new version of the object (or removes it) as one numbered change. */
  write(resource: string, type: WatchEventType, object: KubeObject): KubeObject {
    const revision = ++this.revision;
    const stored = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(revision) },
    };
    const objects = this.collection(resource);
    if (type === 'DELETED') objects.delete(stored.metadata.name);
    else objects.set(stored.metadata.name, stored);
    const change = { resource, type, object: stored, revision };
    this.history.push(change);
    for (const subscriber of this.subscribers) subscriber(change);
    return stored;
  }

  /** Changes to `resource` after `revision`, oldest first. */
  changesAfter(resource: string, revision: number): StoredChange[] {
    return this.history.filter((c) => c.resource === resource && c.revision > revision);
  }

  /** Forgets the history, as etcd compaction does; older resourceVersions can no longer be watched. */
  compact(): void {
    this.compactedThrough = this.revision;
    this.history.length = 0;
  }

  subscribe(subscriber: (change: StoredChange) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
}
