import type { ServerResponse } from 'node:http';
import { answerJson, type LocalServer, serveLocally } from '../http/local-server.testing';
import { BuildsClient } from './builds.client';
import { followBuild } from './follow-build';

const FAST = { pollIntervalMs: 10, maxPollFailures: 3 };
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Script {
  /** `/build_status` answers in turn (the last repeats); a number is an HTTP error status. */
  statuses: (Record<string, unknown> | number)[];
  /** What `/build_logs` writes, in chunks; undefined: 404. */
  logChunks?: string[];
  sse?: boolean;
}

/** A strict fake of the build routes of one build, `b-1`; anything else is a 599. */
async function fakeBuild(script: Script) {
  let polls = 0;
  const logs = async (res: ServerResponse) => {
    if (!script.logChunks) return answerJson(res, 404, { detail: 'no logs here' });
    res.writeHead(200, { 'content-type': script.sse ? 'text/event-stream' : 'text/plain' });
    for (const chunk of script.logChunks) {
      res.write(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    res.end();
  };
  server = await serveLocally((req, res) => {
    const route = `${req.method} ${req.url}`;
    if (route === 'GET /build_status?build_id=b-1') {
      const answer = script.statuses[Math.min(polls++, script.statuses.length - 1)];
      return typeof answer === 'number'
        ? answerJson(res, answer, { detail: 'scripted outage', code: 'service_unavailable' })
        : answerJson(res, 200, { build_id: 'b-1', ...answer });
    }
    if (route === 'GET /build_logs?build_id=b-1&follow=true') return logs(res);
    if (route === 'POST /build_cancel' && req.body.toString() === '{"build_id":"b-1"}') {
      return answerJson(res, 200, { build_id: 'b-1', status: 'CANCELLED' });
    }
    answerJson(res, 599, { detail: `fake: unexpected ${route}` });
  });
  return new BuildsClient({ baseUrl: server.url, apiKey: 'k' });
}

function recorder() {
  const seen: string[] = [];
  return {
    seen,
    handlers: {
      onStatus: (status: string) => seen.push(`status ${status}`),
      onLogLine: (line: string) => seen.push(`log ${line}`),
      onNote: (note: string) => seen.push(`note ${note}`),
    },
  };
}

describe('following a build', () => {
  it('polls until a terminal status while the log lines (split across chunks) come along', async () => {
    const client = await fakeBuild({
      statuses: [
        { status: 'QUEUED' },
        { status: 'RUNNING' },
        { status: 'SUCCESS', image: 'img:1' },
      ],
      logChunks: ['Step 1/2 : FR', 'OM node\nStep 2/2', ' : RUN true\r\nlast without newline'],
    });
    const { seen, handlers } = recorder();
    const build = await followBuild(client, 'b-1', handlers, FAST);
    expect(build).toMatchObject({ status: 'SUCCESS', image: 'img:1' });
    expect(seen.filter((s) => s.startsWith('log'))).toEqual([
      'log Step 1/2 : FROM node',
      'log Step 2/2 : RUN true',
      'log last without newline',
    ]);
    // RUNNING (another Runtime API's spelling) is read as WORKING.
    expect(seen.filter((s) => s.startsWith('status'))).toEqual([
      'status QUEUED',
      'status WORKING',
      'status SUCCESS',
    ]);
  });

  it('reads a Server-Sent Events log without taking its end event for a line', async () => {
    const client = await fakeBuild({
      statuses: [{ status: 'WORKING' }, { status: 'FAILURE', error: 'exit 1' }],
      logChunks: ['data: one\n\ndata: tw', 'o\n\nevent: end\ndata: {"status":"FAILURE"}\n\n'],
      sse: true,
    });
    const { seen, handlers } = recorder();
    const build = await followBuild(client, 'b-1', handlers, FAST);
    expect(build).toMatchObject({ status: 'FAILURE', error: 'exit 1' });
    expect(seen.filter((s) => s.startsWith('log'))).toEqual(['log one', 'log two']);
  });

  it('says once that logs are unavailable, and retries a failed poll', async () => {
    const client = await fakeBuild({
      statuses: [{ status: 'WORKING' }, 503, { status: 'SUCCESS', image: 'img:1' }],
    });
    const { seen, handlers } = recorder();
    await expect(followBuild(client, 'b-1', handlers, FAST)).resolves.toMatchObject({
      status: 'SUCCESS',
    });
    expect(seen.filter((s) => s.startsWith('note'))).toEqual([
      expect.stringMatching(
        /^note build logs unavailable \(.*404 \(no logs here\)\); following the status only$/,
      ),
      expect.stringMatching(
        /^note status poll failed \(1\/3\), retrying: .*503 \(service_unavailable: scripted outage\)$/,
      ),
    ]);
  });

  it('gives up when the API keeps failing, or at the deadline', async () => {
    const failing = await fakeBuild({ statuses: [502] });
    await expect(followBuild(failing, 'b-1', {}, FAST)).rejects.toMatchObject({ status: 502 });
    await server?.close();
    const slow = await fakeBuild({ statuses: [{ status: 'WORKING' }] });
    await expect(followBuild(slow, 'b-1', {}, { ...FAST, timeoutMs: 100 })).rejects.toThrow(
      'build b-1 did not end within 0 min; it may still be running',
    );
  });

  it('stops following when asked, and cancels a build', async () => {
    const client = await fakeBuild({ statuses: [{ status: 'WORKING' }] });
    const stop = new AbortController();
    const following = followBuild(
      client,
      'b-1',
      { onStatus: () => stop.abort() },
      {
        ...FAST,
        signal: stop.signal,
      },
    );
    await expect(following).rejects.toThrow('stopped following build b-1');
    await expect(client.cancelBuild('b-1')).resolves.toMatchObject({ status: 'CANCELLED' });
  });
});
