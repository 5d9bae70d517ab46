import {
  type BuildStatusResponse,
  BuildResponseSchema,
  BuildStatusResponseSchema,
  isTerminalBuildStatus,
} from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import type { RuntimeApiClient } from './runtime-api-client';

/** The fields of `POST /build` besides the context. */
export interface BuildFields {
  target_image: string;
  tags?: string[];
  build_args?: Record<string, string>;
}

/** Talks to runtime-api's build routes the way the agent-server build script does (JSON). */
export class BuildClient {
  constructor(private readonly api: RuntimeApiClient) {}

  /** `POST /build` with the context base64-encoded; the build id. */
  async submit(context: Buffer, fields: BuildFields): Promise<string> {
    const body = { context: context.toString('base64'), ...fields };
    const text = await this.call('POST', '/build', JSON.stringify(body));
    return BuildResponseSchema.parse(JSON.parse(text)).build_id;
  }

  async status(buildId: string): Promise<BuildStatusResponse> {
    const text = await this.call('GET', `/build_status?build_id=${buildId}`);
    return BuildStatusResponseSchema.parse(JSON.parse(text));
  }

  /** The build log as plain text lines (empty for a build answered from the cache). */
  logs(buildId: string): Promise<string> {
    return this.call('GET', `/build_logs?build_id=${buildId}`);
  }

  /** Polls `build_status` every `intervalMs` until the build ended, whichever way. */
  async ended(buildId: string, timeoutMs: number, intervalMs: number) {
    return await waitFor(
      async () => {
        const current = await this.status(buildId);
        return isTerminalBuildStatus(current.status) ? current : undefined;
      },
      { timeoutMs, intervalMs, description: `build ${buildId} to end` },
    );
  }

  private async call(method: string, path: string, body?: string): Promise<string> {
    const response = await fetch(`${this.api.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'X-API-Key': this.api.apiKey },
      body,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return text;
  }
}

/** `[agentrt] build <id> started on <worker> (attempt N of M)`: one per worker run of a build. */
export function workerRuns(log: string): string[] {
  return [...log.matchAll(/^\[agentrt\] build \S+ started on (\S+) /gm)].map(
    (match) => match[1] ?? '',
  );
}
