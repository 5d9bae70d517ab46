import {
  type BuildJsonRequestSchema,
  BuildResponseSchema,
  ObservedBuildStatusSchema,
  RegistryPrefixResponseSchema,
} from '@agentrt/contracts';
import { z } from 'zod';
import { errorOf, isTimeout, RuntimeApiUnreachable } from './api-errors';

/** What the command sends to `POST /build`: the OpenHands JSON body plus our extensions. */
export type BuildRequest = z.input<typeof BuildJsonRequestSchema>;

/**
 * `GET /build_status`, read leniently so other Runtime API implementations work too: `RUNNING`
 * counts as `WORKING`, and only the fields the command uses are checked.
 */
const StatusSchema = z.looseObject({
  status: ObservedBuildStatusSchema,
  image: z.string().optional(),
  error: z.string().optional(),
});
export type ObservedBuild = z.infer<typeof StatusSchema>;

/** The Runtime API's build endpoints, authenticated with `X-API-Key`. */
export class RuntimeApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async registryPrefix(): Promise<string> {
    const body = await this.json('GET', '/registry_prefix', RegistryPrefixResponseSchema);
    return body.registry_prefix;
  }

  async submitBuild(request: BuildRequest): Promise<string> {
    return (await this.json('POST', '/build', BuildResponseSchema, request)).build_id;
  }

  async buildStatus(buildId: string): Promise<ObservedBuild> {
    const query = new URLSearchParams({ build_id: buildId });
    return this.json('GET', `/build_status?${query}`, StatusSchema);
  }

  /** `GET /build_logs?follow=true`: the open response, for the caller to read as it grows. */
  async buildLogs(buildId: string, signal: AbortSignal): Promise<Response> {
    const query = new URLSearchParams({ build_id: buildId, follow: 'true' });
    const response = await this.send('GET /build_logs', `/build_logs?${query}`, {
      headers: { 'x-api-key': this.apiKey },
      signal,
    });
    if (!response.ok) throw await errorOf(response, 'GET /build_logs');
    return response;
  }

  private async send(what: string, path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, init);
    } catch (error) {
      // Our own cancellation (the command stopped following) is not the API's fault.
      if (init.signal?.aborted && !isTimeout(init.signal.reason)) throw error;
      throw new RuntimeApiUnreachable(what, this.baseUrl, error);
    }
  }

  private async json<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const what = `${method} ${path.split('?')[0]}`;
    const response = await this.send(what, path, {
      method,
      headers: {
        'x-api-key': this.apiKey,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    if (!response.ok) throw await errorOf(response, what);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new Error(
        `${what} answered something else than expected: ${z.prettifyError(parsed.error)}`,
      );
    return parsed.data;
  }
}
