/** The fake Kubernetes API server and the types its users see (test-only). */
export {
  FakeKubeApiServer,
  type RecordedRequest as RecordedKubeRequest,
} from './fake-kube-api-server';
export type { ExecRequest, ExecScript } from './fake-kube-exec';
export type { PodEvent } from './fake-kube-events';
export type { JobPodEnd } from './fake-kube-jobs';
export type { KubeObject } from './fake-kube-store';
