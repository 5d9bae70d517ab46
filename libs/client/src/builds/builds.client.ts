import { BuildResponseSchema, ObservedBuildStatusSchema } from '@agentrt/contracts';
import { z } from 'zod';
import type { HttpService, StreamBody } from '../http/http-service';
import { runtimeApiHttp, type RuntimeApiClientOptions } from '../runtime-api/runtime-api-http';
import { logLinesOf } from './log-lines';

/**
 * `GET /build_status` (and `POST /build_cancel`), read leniently so other Runtime API
 * implementations work too: `RUNNING` counts as `WORKING`, and only the fields clients use are
 * checked (ours answers the stricter `BuildStatusResponse`).
 */
export const ObservedBuildSchema = z.looseObject({
  build_id: z.string().optional(),
  status: ObservedBuildStatusSchema,
  image: z.string().optional(),
  error: z.string().optional(),
});
export type ObservedBuild = z.infer<typeof ObservedBuildSchema>;

const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/** The Runtime API's build endpoints (builds.md), authenticated with `X-API-Key`. */
export class BuildsClient {
  private readonly http: HttpService;

  constructor(options: RuntimeApiClientOptions) {
    this.http = runtimeApiHttp(options);
  }

  /** `POST /build` with a prepared body (see `uploadBuild`); resolves with the build id. */
  async submitBuild(body: StreamBody, timeoutMs = UPLOAD_TIMEOUT_MS): Promise<string> {
    return (await this.http.json('/build', BuildResponseSchema, { stream: body, timeoutMs }))
      .build_id;
  }

  buildStatus(buildId: string): Promise<ObservedBuild> {
    return this.http.json('/build_status', ObservedBuildSchema, { query: { build_id: buildId } });
  }

  /** `POST /build_cancel`: the build as it is now; a 409 `ApiCallError` once it has ended. */
  cancelBuild(buildId: string): Promise<ObservedBuild> {
    return this.http.json('/build_cancel', ObservedBuildSchema, { body: { build_id: buildId } });
  }

  /**
   * `GET /build_logs?follow=true`: the log's lines as they are written, until the build ends or
   * `signal` aborts. Plain text lines and Server-Sent Events are both understood.
   */
  async *buildLogs(buildId: string, signal: AbortSignal): AsyncGenerator<string> {
    const response = await this.http.raw('/build_logs', {
      query: { build_id: buildId, follow: true },
      signal,
    });
    if (!response.body) return;
    const sse = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    yield* logLinesOf(response.body, sse);
  }
}
