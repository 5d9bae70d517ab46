import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DockerBackend,
  KubernetesBackend,
  LocalBackend,
  type RuntimeBackend,
} from '@agentrt/runtime-backends';
import type { RuntimeApiConfig } from '../config/runtime-api.config';

const MIB = 1024 * 1024;

/** The one backend this deployment runs runtimes on, from validated config. */
export function createRuntimeBackend(config: RuntimeApiConfig): RuntimeBackend {
  switch (config.RUNTIME_BACKEND) {
    case 'local':
      return new LocalBackend({
        root: config.LOCAL_RUNTIME_ROOT,
        owner: config.RUNTIME_OWNER,
        agentServerCommand: config.AGENT_SERVER_COMMAND ?? defaultAgentServerCommand(),
        baseEnvironment: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' },
      });
    case 'docker':
      return new DockerBackend({
        docker: config.DOCKER_SOCKET,
        owner: config.RUNTIME_OWNER,
        network: config.DOCKER_NETWORK,
        publishHost: config.DOCKER_PUBLISH_HOST,
        cpusPerUnit: config.RUNTIME_CPUS_PER_UNIT,
        memoryBytesPerUnit: config.RUNTIME_MEMORY_MB_PER_UNIT * MIB,
        credentialMounts: config.DOCKER_CREDENTIAL_MOUNTS,
        workspace: config.DOCKER_WORKSPACE_ROOT
          ? { kind: 'bind', root: config.DOCKER_WORKSPACE_ROOT }
          : { kind: 'volume' },
      });
    case 'kubernetes':
      return new KubernetesBackend({
        cluster: {
          server: config.KUBE_API_SERVER ?? '',
          token: readIfPresent(config.KUBE_TOKEN_FILE),
          caData: config.KUBE_CA_FILE
            ? Buffer.from(readFileSync(config.KUBE_CA_FILE)).toString('base64')
            : undefined,
          skipTlsVerify: config.KUBE_SKIP_TLS_VERIFY,
        },
        namespace: config.KUBE_NAMESPACE,
        owner: config.RUNTIME_OWNER,
        workspaceVolume: config.KUBE_WORKSPACE_SIZE
          ? { size: config.KUBE_WORKSPACE_SIZE, storageClassName: config.KUBE_STORAGE_CLASS }
          : undefined,
      });
  }
}

/** The agent server built next to runtime-api (`dist/apps/agent-server/main.js`), on this node. */
function defaultAgentServerCommand(): string[] {
  return [process.execPath, resolve(__dirname, '..', 'agent-server', 'main.js')];
}

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}
