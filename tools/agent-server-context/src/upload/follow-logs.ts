import type { RuntimeApiClient } from './runtime-api-client';

/** Splits a text stream into lines; the last, unterminated line comes out at the end. */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    yield* lines;
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
}

/** Server-Sent Events carry each line as `data: ...`; everything else in them is framing. */
function sseData(line: string): string | undefined {
  return line.startsWith('data:') ? line.slice(5).replace(/^ /, '') : undefined;
}

/**
 * Follows `GET /build_logs?follow=true` (chunked text lines, or Server-Sent Events) and hands
 * each line to `onLine` until the stream ends or `signal` aborts. Resolves with why it stopped;
 * never rejects, since logs are a nicety: a Runtime API without the endpoint still builds.
 */
export async function followBuildLogs(
  client: RuntimeApiClient,
  buildId: string,
  onLine: (line: string) => void,
  signal: AbortSignal,
): Promise<'ended' | 'stopped' | { unavailable: string }> {
  try {
    const response = await client.buildLogs(buildId, signal);
    if (!response.body) return 'ended';
    const sse = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    for await (const raw of linesOf(response.body)) {
      const line = sse ? sseData(raw) : raw.replace(/\r$/, '');
      if (line !== undefined) onLine(line);
    }
    return 'ended';
  } catch (error) {
    if (signal.aborted) return 'stopped';
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}
