import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { BuildLogStore } from '@agentrt/blob-store';
import { type BuildStatus, isTerminalBuildStatus } from '@agentrt/contracts';

export interface LogStreamOptions {
  buildId: string;
  follow: boolean;
  /** Server-Sent Events (`data:` per line, a final `end` event) instead of plain text lines. */
  sse: boolean;
  /** The build's current status; polled while following to notice the end. */
  status: () => Promise<BuildStatus | undefined>;
}

const STATUS_POLL_MS = 1000;

/**
 * Writes a build's log to the response: what is there so far, and with `follow` every line
 * appended until the build ends (its log is closed, or its record says it finished, e.g. after
 * a worker died without closing the log). A client that goes away stops the follow.
 */
export async function streamBuildLog(
  logs: BuildLogStore,
  req: IncomingMessage,
  res: ServerResponse,
  options: LogStreamOptions,
): Promise<void> {
  const stop = new AbortController();
  req.once('close', () => stop.abort());
  res.writeHead(200, {
    'Content-Type': options.sse ? 'text/event-stream; charset=utf-8' : 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  const write = (line: string) => res.write(options.sse ? `data: ${line}\n\n` : `${line}\n`);
  let sent = 0;
  if (options.follow) {
    void watchForEnd(options, stop);
    for await (const line of logs.follow(options.buildId, 0, stop.signal)) {
      write(line);
      sent += 1;
    }
  }
  // Without follow, or after the build ended without closing its log: whatever is left.
  if (!res.destroyed) for (const line of await logs.read(options.buildId, sent)) write(line);
  if (options.sse && !res.destroyed) {
    res.write(`event: end\ndata: ${JSON.stringify({ status: await options.status() })}\n\n`);
  }
  stop.abort();
  res.end();
}

async function watchForEnd(options: LogStreamOptions, stop: AbortController): Promise<void> {
  while (!stop.signal.aborted) {
    try {
      await delay(STATUS_POLL_MS, undefined, { signal: stop.signal });
    } catch {
      return;
    }
    const status = await options.status().catch(() => undefined);
    if (status === undefined || isTerminalBuildStatus(status)) {
      // Give the writer's last lines (appended just before the status changed) a moment.
      await delay(STATUS_POLL_MS / 2).catch(() => undefined);
      stop.abort();
    }
  }
}
