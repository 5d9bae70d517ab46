import type { ClientConfig } from '../config';
import { ApiCallError } from '../http';
import type { AgentRuntime, DebugLog, RuntimeFallback } from './agent-runtime';
import { LocalRuntime } from './local-runtime';
import { RemoteRuntime } from './remote-runtime';

export interface RuntimeRequest {
  /** A remote runtime bound to this session (the Runtime API reuses a live one). */
  sessionId?: string;
  environment?: Record<string, string>;
  debug?: DebugLog;
}

export interface StartedRuntime {
  runtime: AgentRuntime;
  /** Set when a remote runtime was asked for and a local one runs instead. */
  fallback?: RuntimeFallback;
}

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 10_000;

/**
 * The runtime the configuration asks for. A remote start is retried when a retry can help (no
 * answer, 429, 5xx, a runtime that failed to become ready); after the last attempt it falls back
 * to a local agent server when AGENTRT_FALLBACK_TO_LOCAL says so, and the result says why.
 */
export async function startRuntime(
  config: ClientConfig,
  request: RuntimeRequest = {},
): Promise<StartedRuntime> {
  if (!config.useRemoteRuntime) return { runtime: await startLocal(config, request) };
  try {
    return { runtime: await startRemoteWithRetries(config, request) };
  } catch (error) {
    if (!config.fallbackToLocal) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    request.debug?.(`remote runtime unavailable, falling back to a local one: ${reason}`);
    return { runtime: await startLocal(config, request), fallback: { from: 'remote', reason } };
  }
}

function startLocal(config: ClientConfig, request: RuntimeRequest): Promise<LocalRuntime> {
  return LocalRuntime.start({
    command: config.agentServerCommand ?? [],
    workingDir: config.workingDir,
    startTimeoutMs: config.startTimeoutMs,
    environment: { ...config.localEnvironment, ...request.environment },
    debug: request.debug,
  });
}

async function startRemoteWithRetries(
  config: ClientConfig,
  request: RuntimeRequest,
): Promise<RemoteRuntime> {
  const api = config.runtimeApi;
  const image = config.agentServerImage;
  if (!api || !image) {
    throw new Error('a remote runtime needs RUNTIME_API_URL, RUNTIME_API_KEY and an image');
  }
  // Bounded: remoteStartAttempts tries (at most 20, checked by the config).
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await RemoteRuntime.start({
        apiUrl: api.url,
        apiKey: api.apiKey,
        image,
        resourceFactor: config.resourceFactor,
        workingDir: config.workingDir,
        sessionId: request.sessionId,
        environment: request.environment,
        startTimeoutMs: config.startTimeoutMs,
        debug: request.debug,
      });
    } catch (error) {
      if (attempt >= config.remoteStartAttempts || !worthRetrying(error)) throw error;
      const delay = Math.min(RETRY_BASE_MS * 2 ** (attempt - 1), RETRY_MAX_MS);
      request.debug?.(
        `remote start attempt ${attempt}/${config.remoteStartAttempts} failed, retrying in ${delay} ms: ${String(error)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** A bad request, a wrong key or an unknown image fails the same way the next time. */
function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiCallError)) return true;
  return error.status === undefined || error.status === 429 || error.status >= 500;
}
