/** @agentrt/runtime-backends: where runtimes run (local process, Docker, Kubernetes), behind one interface. */
export * from './runtime-backend';
export * from './runtime-backend-error';
export * from './labels';
export * from './kubernetes/kubernetes-backend';
export * from './kubernetes/kubernetes-options';
export * from './kubernetes/pod-status';
export * from './manager/runtime-manager';
export * from './local/local-backend';
export * from './local/local-backend-options';
export * from './docker/docker-backend';
export type {
  CredentialMount,
  DockerBackendOptions,
  WorkspaceMode,
  Clock,
} from './docker/docker-options';
