import { RUNTIME_ENV, type ResourceFactor, type StartRequest } from '@agentrt/contracts';
import type { RuntimeSpec } from '@agentrt/runtime-backends';
import type { RuntimeApiConfig } from '../config/runtime-api.config';

/** What a runtime is started with, beyond its id and session. */
export interface LaunchRequest {
  image: string;
  resourceFactor: ResourceFactor;
  command?: string | string[];
  workingDir?: string;
  environment?: Record<string, string>;
  runtimeClass?: string;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  pullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

export function launchRequestOf(request: StartRequest): LaunchRequest {
  return {
    image: request.image,
    resourceFactor: request.resource_factor,
    command: request.command,
    workingDir: request.working_dir,
    environment: request.environment,
    runtimeClass: request.runtime_class,
    runAsUser: request.run_as_user,
    runAsGroup: request.run_as_group,
    fsGroup: request.fs_group,
    pullPolicy: request.image_pull_policy,
  };
}

/** A shell string runs under `/bin/sh -c`; an argv runs as is; none means the image's own. */
function argvOf(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  if (typeof command === 'string') return command.trim() === '' ? [] : ['/bin/sh', '-c', command];
  return command;
}

/**
 * The backend spec of a runtime. The requested environment comes first; what runtime-api injects
 * (session keys, idle timeout, port) comes last so a request cannot override it.
 */
export function runtimeSpecOf(
  ids: { runtimeId: string; sessionId: string; sessionApiKey: string },
  launch: LaunchRequest,
  config: RuntimeApiConfig,
  extraEnvironment: Record<string, string> = {},
): RuntimeSpec {
  const port = config.AGENT_SERVER_PORT;
  return {
    runtimeId: ids.runtimeId,
    sessionId: ids.sessionId,
    image: launch.image,
    command: argvOf(launch.command),
    workingDir: launch.workingDir,
    environment: {
      ...launch.environment,
      ...extraEnvironment,
      [RUNTIME_ENV.SESSION_API_KEY]: ids.sessionApiKey,
      [`${RUNTIME_ENV.SESSION_API_KEYS_PREFIX}0`]: ids.sessionApiKey,
      [RUNTIME_ENV.IDLE_TIMEOUT_SECONDS]: String(config.RUNTIME_IDLE_SECONDS),
      PORT: String(port),
    },
    ports: [port, ...config.RUNTIME_WORK_PORTS.filter((p) => p !== port)],
    resourceFactor: launch.resourceFactor,
    runAsUser: launch.runAsUser,
    runAsGroup: launch.runAsGroup,
    fsGroup: launch.fsGroup,
    pullPolicy: launch.pullPolicy ?? 'IfNotPresent',
    runtimeClass: launch.runtimeClass,
    labels: {},
    readiness: {
      port,
      path: '/alive',
      timeoutMs: config.RUNTIME_READY_TIMEOUT_SECONDS * 1000,
    },
  };
}
