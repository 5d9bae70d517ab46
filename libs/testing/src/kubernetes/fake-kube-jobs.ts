import { fallbackMessage, ownerOf, podForJob, withContainerState } from './fake-kube-job-pods';
import type { FakePodLogs } from './fake-kube-logs';
import type { Answer, FakeObjects } from './fake-kube-objects';
import type { FakeKubeStore, KubeObject } from './fake-kube-store';

/** How the test ends a Job's pod: its container's exit code and termination message. */
export interface JobPodEnd {
  exitCode: number;
  /** What the container wrote to its termination message path (a digest, for a builder). */
  message?: string;
}

const FAILED = { type: 'Failed', status: 'True' };

/**
 * The job controller and garbage collector, driven by the test: a created Job gets one pod at
 * once (template labels and spec, `job-name` labels, an ownerReference); `start`, `succeed`,
 * `fail` and `exceedDeadline` move pod and Job the way the kubelet and the controller would.
 * Deleting a Job removes its pods only with propagationPolicy Background or Foreground; batch/v1
 * defaults to Orphan, which leaves the pods running (what a leak looks like).
 */
export class FakeJobs {
  constructor(
    private readonly store: FakeKubeStore,
    private readonly objects: FakeObjects,
    private readonly logs: FakePodLogs,
  ) {}

  /** Called once the fake stored a new Job. */
  admitted(job: KubeObject): void {
    this.store.write('pods', 'ADDED', podForJob(job));
    this.setJobStatus(job.metadata.name, { active: 1, startTime: now() });
  }

  /** The one pod of the Job, while it exists. */
  podOf(job: string): string | undefined {
    const owned = (p: KubeObject): boolean => ownerOf(p) === job;
    return [...this.store.collection('pods').values()].find(owned)?.metadata.name;
  }

  /** The builder container runs. */
  start(job: string): void {
    this.setContainer(job, 'Running', { running: { startedAt: now() } });
  }

  /** The container prints `text` to its log. */
  log(job: string, text: string): void {
    this.logs.append(this.requirePod(job), text);
  }

  succeed(job: string, end: JobPodEnd = { exitCode: 0 }): void {
    this.endContainer(job, 'Succeeded', end);
    this.setJobStatus(job, {
      active: 0,
      succeeded: 1,
      completionTime: now(),
      conditions: [{ type: 'Complete', status: 'True' }],
    });
  }

  fail(job: string, end: JobPodEnd): void {
    this.endContainer(job, 'Failed', end);
    const reason = { reason: 'BackoffLimitExceeded', message: 'Job has reached the backoff limit' };
    this.setJobStatus(job, { active: 0, failed: 1, conditions: [{ ...FAILED, ...reason }] });
  }

  /** activeDeadlineSeconds passed: the controller kills the pod and fails the Job. */
  exceedDeadline(job: string): void {
    this.removePods(job);
    const reason = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified' };
    this.setJobStatus(job, { active: 0, failed: 1, conditions: [{ ...FAILED, ...reason }] });
  }

  /** `DELETE .../jobs/<name>`, with the garbage collector's part according to the policy. */
  remove(name: string, query: URLSearchParams, body: unknown, answer: Answer): void {
    const fromBody = (body as { propagationPolicy?: string } | undefined)?.propagationPolicy;
    const policy = query.get('propagationPolicy') ?? fromBody ?? 'Orphan';
    this.objects.remove('jobs', name, (code, answered) => {
      if (code === 200 && policy !== 'Orphan') this.removePods(name);
      if (code === 200 && policy === 'Orphan') this.orphanPods(name);
      answer(code, answered);
    });
  }

  private endContainer(job: string, phase: string, end: JobPodEnd): void {
    const name = this.requirePod(job);
    const pod = this.store.collection('pods').get(name);
    const reason = end.exitCode === 0 ? 'Completed' : 'Error';
    const message =
      end.message ?? (pod && fallbackMessage(pod, end.exitCode, this.logs.text(name)));
    const terminated = { exitCode: end.exitCode, reason, ...(message ? { message } : {}) };
    this.setContainer(job, phase, { terminated: { ...terminated, finishedAt: now() } });
    this.logs.finish(name);
  }

  private setContainer(job: string, phase: string, state: object): void {
    const pod = this.store.collection('pods').get(this.requirePod(job));
    if (pod) this.store.write('pods', 'MODIFIED', withContainerState(pod, phase, state));
  }

  private setJobStatus(job: string, status: object): void {
    const stored = this.store.collection('jobs').get(job);
    if (!stored) throw new Error(`the fake has no job ${job}`);
    this.store.write('jobs', 'MODIFIED', { ...stored, status });
  }

  private removePods(job: string): void {
    for (const pod of this.podsOf(job)) {
      this.store.write('pods', 'DELETED', pod);
      this.logs.finish(pod.metadata.name);
    }
  }

  private orphanPods(job: string): void {
    for (const pod of this.podsOf(job)) {
      this.store.write('pods', 'MODIFIED', {
        ...pod,
        metadata: { ...pod.metadata, ownerReferences: [] },
      });
    }
  }

  private podsOf(job: string): KubeObject[] {
    return [...this.store.collection('pods').values()].filter((p) => ownerOf(p) === job);
  }

  private requirePod(job: string): string {
    const pod = this.podOf(job);
    if (!pod) throw new Error(`the fake has no pod for job ${job}`);
    return pod;
  }
}

function now(): string {
  return new Date().toISOString();
}
