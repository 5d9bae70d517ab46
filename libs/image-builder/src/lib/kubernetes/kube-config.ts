import { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesBuildCluster } from './kubernetes-publisher-options';

/** A KubeConfig built in memory, so no kubeconfig file or environment variable is read. */
export function buildKubeConfig(cluster: KubernetesBuildCluster): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      {
        name: 'agentrt',
        server: cluster.server,
        caData: cluster.caData,
        skipTLSVerify: cluster.skipTlsVerify ?? false,
      },
    ],
    users: [{ name: 'agentrt', token: cluster.token }],
    contexts: [{ name: 'agentrt', cluster: 'agentrt', user: 'agentrt' }],
    currentContext: 'agentrt',
  });
  return config;
}
