import { createHash, randomUUID } from 'node:crypto';
import { BashOutputSchema, ErrorBodySchema, type Runtime } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import WebSocket from 'ws';
import { executeBash, RUNTIME_IMAGE } from '../runtime-api/runtime-api.harness';
import { ProxyStack } from './proxy-stack';

const DOWNLOAD_BYTES = 3 * 1024 * 1024;

/** The runtime proxy at the gateway: a runtime's public url served by the gateway process. */
describe('gateway runtime proxy', () => {
  let stack: ProxyStack;
  let runtime: Runtime;
  let gatewayUrl: string;

  beforeAll(async () => {
    stack = await ProxyStack.start();
    gatewayUrl = stack.gateway.url;
    const started = await stack.runtimeApi.client.start({ image: RUNTIME_IMAGE });
    runtime = await stack.runtimeApi.client.waitReady(started.runtime_id);
  });
  afterAll(() => stack?.tearDown());

  const bash = async (command: string) => {
    const response = await executeBash(runtime, command);
    expect(response.status).toBe(200);
    return BashOutputSchema.parse(await response.json());
  };

  it("hands out the gateway's URL and serves /alive through it", async () => {
    expect(runtime.url).toBe(`${gatewayUrl}/${runtime.runtime_id}`);
    const alive = await fetch(`${runtime.url}/alive`);
    expect(alive.status).toBe(200);
    expect(alive.headers.get('x-routed-to')).toBe('runtime-proxy');
  });

  it('runs a command with the session key, propagating X-Request-Id; 401 without the key', async () => {
    const requestId = `proxy-e2e-${randomUUID()}`;
    const response = await fetch(`${runtime.url}/api/bash/execute_bash_command`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-session-api-key': runtime.session_api_key,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ command: 'echo through-the-gateway', timeout: 30 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(BashOutputSchema.parse(await response.json())).toMatchObject({
      exit_code: 0,
      stdout: expect.stringContaining('through-the-gateway'),
    });
    const refused = await executeBash(runtime, 'true', '');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-routed-to')).toBe('runtime-proxy');
    expect(ErrorBodySchema.parse(await refused.json()).code).toBe('unauthorized');
  });

  it('answers 404 for an unknown runtime', async () => {
    const response = await fetch(`${gatewayUrl}/ffffffffffffffffffff/alive`);
    expect(response.status).toBe(404);
    expect(ErrorBodySchema.parse(await response.json())).toMatchObject({
      code: 'not_found',
      detail: 'Runtime ffffffffffffffffffff not found',
    });
  });

  it('streams bash events over a WebSocket through the gateway', async () => {
    const base = runtime.url.replace('http:', 'ws:');
    const socket = new WebSocket(
      `${base}/sockets/bash-events?session_api_key=${runtime.session_api_key}`,
    );
    const frames: string[] = [];
    socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
    try {
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      await bash('echo over-the-socket');
      await waitFor(
        () => Promise.resolve(frames.some((frame) => frame.includes('over-the-socket'))),
        {
          description: 'the command output on the socket',
        },
      );
    } finally {
      socket.terminate();
    }
  });

  it('streams a large download through the gateway intact', async () => {
    const made = await bash(
      `head -c ${DOWNLOAD_BYTES} /dev/urandom > big.bin && echo "$PWD" && sha256sum big.bin`,
    );
    const [dir, sum] = (made.stdout ?? '').trim().split('\n');
    const path = encodeURIComponent(`${dir ?? ''}/big.bin`);
    const response = await fetch(`${runtime.url}/api/file/download?path=${path}`, {
      headers: { 'x-session-api-key': runtime.session_api_key },
    });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(DOWNLOAD_BYTES);
    expect(sum).toContain(createHash('sha256').update(body).digest('hex'));
  });

  it('resumes a paused runtime on traffic, where runtime-api alone answers 503', async () => {
    const { client } = stack.runtimeApi;
    const id = runtime.runtime_id;
    expect((await client.runtimeCall('/pause', { runtime_id: id })).status).toBe('paused');
    const direct = await executeBash(
      { ...runtime, url: `${stack.runtimeApi.api.url}/${id}` },
      'true',
    );
    expect(direct.status).toBe(503);

    // Several requests at once: all wait for the one resume and then run.
    const outputs = await Promise.all([1, 2, 3].map((n) => bash(`echo resumed-${n}`)));
    expect(outputs.map((output) => output.stdout?.trim())).toEqual([
      'resumed-1',
      'resumed-2',
      'resumed-3',
    ]);
    expect(await client.lookup(id)).toMatchObject({ status: 'running' });
    const resumes = stack.gateway
      .logs()
      .filter((line) => line['msg'] === 'resuming a paused runtime on traffic');
    expect(resumes).toHaveLength(1);
  });

  it('never wakes a paused runtime for a caller without its key', async () => {
    const { client } = stack.runtimeApi;
    const id = runtime.runtime_id;
    await client.runtimeCall('/pause', { runtime_id: id });
    expect((await executeBash(runtime, 'true', 'not-the-key')).status).toBe(401);
    expect(await client.lookup(id)).toMatchObject({ status: 'paused' });
    await client.runtimeCall('/resume', { runtime_id: id });
  });
});
