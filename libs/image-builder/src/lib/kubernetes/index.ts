export { KubernetesJobPublisher } from './kubernetes-job-publisher';
export {
  DEFAULT_BUILDER_IMAGE,
  type KubernetesBuildCluster,
  type KubernetesJobPublisherOptions,
} from './kubernetes-publisher-options';
