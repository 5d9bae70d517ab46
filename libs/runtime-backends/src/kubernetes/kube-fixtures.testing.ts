import { waitFor, type FakeKubeApiServer } from '@agentrt/testing';
import type { RuntimeSpec } from '../runtime-backend';
import { KubernetesBackend } from './kubernetes-backend';
import type { KubernetesBackendOptions } from './kubernetes-options';

/** Shared setup of the Kubernetes backend specs (test-only). */
export const NS = 'agentrt-test';
export const OWNER = 'test-owner';
export const READY = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
/** A value that must never show up in clear outside the runtime's Secret. */
export const SESSION_KEY = 'sk-session-7f3a9c2e41';

export function runtimeSpec(overrides: Partial<RuntimeSpec> = {}): RuntimeSpec {
  return {
    runtimeId: 'rt1',
    sessionId: 'sess1',
    image: 'agent:1',
    command: ['/bin/agent', '--port', '3000'],
    workingDir: '/workspace',
    environment: { SESSION_API_KEY: SESSION_KEY, LOG_LEVEL: 'debug' },
    ports: [3000, 4000],
    resourceFactor: 2,
    runAsUser: 1000,
    runAsGroup: 1001,
    fsGroup: 1002,
    pullPolicy: 'IfNotPresent',
    runtimeClass: 'gvisor',
    labels: {},
    ...overrides,
  };
}

/** Waits until a synchronous condition holds (waitFor takes an async one). */
export function until(condition: () => boolean, description: string): Promise<boolean> {
  return waitFor(() => Promise.resolve(condition()), { description });
}

/** A backend talking to the fake, with short intervals so watch fallbacks show up quickly. */
export function backendFor(
  fake: FakeKubeApiServer,
  overrides: Partial<KubernetesBackendOptions> = {},
): KubernetesBackend {
  return new KubernetesBackend({
    cluster: { server: fake.url, skipTlsVerify: true },
    namespace: NS,
    owner: OWNER,
    workspaceVolume: { size: '5Gi' },
    pollIntervalMs: 10,
    recreateRetry: { attempts: 5, initialDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  });
}
