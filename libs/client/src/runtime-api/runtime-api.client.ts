import {
  type ImageExistsResponse,
  ImageExistsResponseSchema,
  RegistryPrefixResponseSchema,
  type Runtime,
  type RuntimeListResponse,
  RuntimeListResponseSchema,
  RuntimeLookupResponseSchema,
  RuntimeSchema,
  SessionsBatchResponseSchema,
  type StartRequest,
} from '@agentrt/contracts';
import { z } from 'zod';
import { ApiCallError } from '../http/api-call-error';
import type { HttpService } from '../http/http-service';
import { runtimeApiHttp, type RuntimeApiClientOptions } from './runtime-api-http';
import { type ReadyOptions, waitUntilReady } from './wait-until-ready';

const AnyAnswer = z.unknown();

/**
 * The Runtime API (runtime-api.md), as the gateway, the SDK's AgentLoop and the CLI use it.
 * Every answer is checked against the contracts; errors are `ApiCallError`s.
 */
export class RuntimeApiClient {
  private readonly http: HttpService;
  /** `/start` and `/resume` may wait for a runtime to come up: longer unless the caller chose. */
  private readonly slowCallMs: number;

  constructor(options: RuntimeApiClientOptions) {
    this.http = runtimeApiHttp(options);
    this.slowCallMs = options.timeoutMs ?? 120_000;
  }

  /** `POST /start`: a warm runtime when the pool has one, else a new one (maybe still starting). */
  start(request: Partial<StartRequest> & { image: string }): Promise<Runtime> {
    return this.http.json('/start', RuntimeSchema, { body: request, timeoutMs: this.slowCallMs });
  }

  /** `GET /runtime/{id}`; an unknown id (answered 200 `pod_status: not found`) throws a 404. */
  async runtime(runtimeId: string): Promise<Runtime> {
    const path = `/runtime/${encodeURIComponent(runtimeId)}`;
    const found = await this.http.json(path, RuntimeLookupResponseSchema);
    if ('status' in found) return found;
    const detail = `runtime ${runtimeId} not found`;
    throw new ApiCallError('GET', path, 404, { detail, code: 'not_found' }, detail);
  }

  /** `GET /list`: the caller's runtimes. */
  list(): Promise<RuntimeListResponse> {
    return this.http.json('/list', RuntimeListResponseSchema);
  }

  /** `GET /sessions/{id}`: the session's runtime, or undefined when it has none. */
  async session(sessionId: string): Promise<Runtime | undefined> {
    try {
      return await this.http.json(`/sessions/${encodeURIComponent(sessionId)}`, RuntimeSchema);
    } catch (error) {
      if (error instanceof ApiCallError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** `GET /sessions/batch`: runtimes of these sessions; sessions without one are left out. */
  async sessions(sessionIds: readonly string[]): Promise<Runtime[]> {
    if (sessionIds.length === 0) return [];
    return this.http.json('/sessions/batch', SessionsBatchResponseSchema, {
      query: { ids: sessionIds.join(',') },
    });
  }

  /**
   * The session's runtime, ready to use: resumed when paused, then polled until ready. Throws a
   * 404 `ApiCallError` when the session has no runtime.
   */
  async attach(sessionId: string, options: ReadyOptions): Promise<Runtime> {
    let runtime = await this.session(sessionId);
    if (!runtime) {
      const detail = `session ${sessionId} has no runtime`;
      throw new ApiCallError(
        'GET',
        `/sessions/${sessionId}`,
        404,
        { detail, code: 'not_found' },
        detail,
      );
    }
    if (runtime.status === 'paused') runtime = await this.resume(runtime.runtime_id);
    return this.waitUntilReady(runtime, options);
  }

  async stop(runtimeId: string): Promise<void> {
    await this.http.json('/stop', AnyAnswer, { body: { runtime_id: runtimeId } });
  }

  async pause(runtimeId: string): Promise<void> {
    await this.http.json('/pause', AnyAnswer, { body: { runtime_id: runtimeId } });
  }

  /** `POST /resume`: the runtime as it is now (usually still starting: wait for it). */
  resume(runtimeId: string, options: { rotateSessionKey?: boolean } = {}): Promise<Runtime> {
    const body = {
      runtime_id: runtimeId,
      ...(options.rotateSessionKey ? { rotate_session_key: true } : {}),
    };
    return this.http.json('/resume', RuntimeSchema, { body, timeoutMs: this.slowCallMs });
  }

  /** `GET /registry_prefix`: where builds push images, e.g. `localhost:5000/agentrt`. */
  async registryPrefix(): Promise<string> {
    return (await this.http.json('/registry_prefix', RegistryPrefixResponseSchema)).registry_prefix;
  }

  /** `GET /image_exists`: whether the registry has `image`, with its size and upload time. */
  imageExists(image: string): Promise<ImageExistsResponse> {
    return this.http.json('/image_exists', ImageExistsResponseSchema, { query: { image } });
  }

  /**
   * Polls `GET /runtime/{id}` until `running` + `pod_status=ready`, the way OpenHands clients do;
   * a failed pod or `error`/`stopped` status ends the wait at once with the reason.
   */
  waitUntilReady(runtime: Runtime, options: ReadyOptions): Promise<Runtime> {
    return waitUntilReady(runtime, (id) => this.runtime(id), options);
  }
}
