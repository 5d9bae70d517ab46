import type { V1Pod } from '@kubernetes/client-node';
import type { KubeApi } from './kube-api';
import type { PodState } from './pod-status';

/** One pod's latest state; `status` undefined means the pod is gone. */
export interface PodUpdate {
  name: string;
  labels: Record<string, string>;
  status: PodState | undefined;
}

export interface PodWatchOptions {
  labelSelector: string;
  /** Base delay between watch reconnects, and the interval of polls once the watch is given up. */
  pollIntervalMs: number;
  /** Consecutive failures to (re)open the watch before it falls back to polling only. */
  maxRetries: number;
  onUpdate: (update: PodUpdate) => void;
}

const MAX_BACKOFF_DOUBLINGS = 5;

/**
 * Follows the pods matching a label selector the way client-go's reflector does: list once, then
 * watch from the list's resourceVersion; when the stream ends, watch again from the last
 * resourceVersion seen (the server replays what happened in between); when that version has
 * expired (410) or the watch cannot be opened, list again first. A list doubles as the fallback
 * poll: after `maxRetries` failed watch attempts in a row it only polls, every `pollIntervalMs`.
 */
export class PodWatch {
  /** The last API failure, for error messages. */
  lastError: string | undefined;
  private stopped = false;
  private controller: AbortController | undefined;
  private wake: (() => void) | undefined;
  private resourceVersion: string | undefined;
  private readonly known = new Map<string, V1Pod>();

  constructor(
    private readonly api: KubeApi,
    private readonly options: PodWatchOptions,
  ) {}

  start(): void {
    // run() catches every failure itself, so nothing is left to handle here.
    void this.run();
  }

  /** Closes the watch and ends the loop; no update is reported afterwards. */
  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped && failures <= this.options.maxRetries) {
      failures = (await this.attempt()) ? 0 : failures + 1;
      const doublings = Math.min(failures, MAX_BACKOFF_DOUBLINGS);
      await this.pause(this.options.pollIntervalMs * 2 ** doublings);
    }
    while (!this.stopped) {
      await this.poll();
      await this.pause(this.options.pollIntervalMs);
    }
  }

  /** One round: a list when there is no resourceVersion to go on from, then one watch. */
  private async attempt(): Promise<boolean> {
    if (this.resourceVersion === undefined && !(await this.poll())) return false;
    if (this.stopped) return true;
    const outcome = await this.watchOnce(this.resourceVersion);
    if (!outcome.opened || outcome.expired) this.resourceVersion = undefined;
    return outcome.opened;
  }

  /** Lists the pods, reports each one and those gone since, and keeps the list's version. */
  private async poll(): Promise<boolean> {
    try {
      const list = await this.api.listPodsAt(this.options.labelSelector);
      if (this.stopped) return false;
      const listed = new Set(list.items.map((pod) => pod.metadata?.name ?? ''));
      for (const pod of list.items) this.report(pod, false);
      for (const [name, pod] of this.known) if (!listed.has(name)) this.report(pod, true);
      this.resourceVersion = list.resourceVersion;
      return true;
    } catch (error) {
      this.lastError = messageOf(error);
      return false;
    }
  }

  /** Resolves when the stream ends; `opened` is false when it never got a 200. */
  private async watchOnce(
    resourceVersion: string | undefined,
  ): Promise<{ opened: boolean; expired: boolean }> {
    let opening = true;
    let opened = true;
    let expired = false;
    let finish = (): void => undefined;
    const ended = new Promise<void>((resolve) => (finish = resolve));
    const onEvent = (type: string, object: unknown): void => {
      expired ||= this.onEvent(type, object);
      if (expired) this.controller?.abort();
    };
    const onDone = (error: unknown): void => {
      if (error && opening) opened = false;
      if (error && !this.stopped && !expired) this.lastError = messageOf(error);
      finish();
    };
    const query = { labelSelector: this.options.labelSelector, resourceVersion };
    try {
      this.controller = await this.api.watchPods(query, onEvent, onDone);
    } catch (error) {
      onDone(error);
    }
    opening = false;
    if (this.stopped || expired) this.controller?.abort();
    await ended;
    this.controller = undefined;
    return { opened, expired };
  }

  /** Applies one watch event; true when the watch must restart from a fresh list. */
  private onEvent(type: string, object: unknown): boolean {
    if (this.stopped) return false;
    // ERROR carries a Status: 410 Expired, or any other failure; a new list recovers from both.
    if (type === 'ERROR') {
      this.lastError = (object as { message?: string }).message ?? 'watch ERROR event';
      return true;
    }
    const pod = object as V1Pod;
    this.resourceVersion = pod.metadata?.resourceVersion ?? this.resourceVersion;
    if (type === 'ADDED' || type === 'MODIFIED') this.report(pod, false);
    if (type === 'DELETED') this.report(pod, true);
    return false;
  }

  private report(pod: V1Pod, gone: boolean): void {
    const name = pod.metadata?.name ?? '';
    if (gone) this.known.delete(name);
    else this.known.set(name, pod);
    const labels = pod.metadata?.labels ?? {};
    this.options.onUpdate({ name, labels, status: gone ? undefined : (pod.status ?? {}) });
  }

  /** Waits `ms`, or less when stop() comes first. */
  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
