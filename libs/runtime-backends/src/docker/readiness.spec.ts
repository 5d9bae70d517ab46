import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from './docker-options';
import { waitUntilReady } from './readiness';

/** Fake clock: sleeping advances time instantly, so timeouts need no real waiting. */
class FakeClock implements Clock {
  private time = 0;
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.time += ms;
    return Promise.resolve();
  }
}

describe('waitUntilReady', () => {
  let server: Server;
  let baseUrl: string;
  let status = 503;

  beforeAll(async () => {
    server = createServer((_, res) => res.writeHead(status).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const probe = { port: 8000, path: '/alive', timeoutMs: 1_000 };
  const running = (): Promise<boolean> => Promise.resolve(true);

  it('resolves once the probe answers 2xx', async () => {
    status = 200;
    await expect(waitUntilReady(baseUrl, probe, running, new FakeClock())).resolves.toBeUndefined();
  });

  it('times out with the last answer', async () => {
    status = 503;
    await expect(waitUntilReady(baseUrl, probe, running, new FakeClock())).resolves.toEqual({
      kind: 'timeout',
      lastError: 'HTTP 503',
    });
  });

  it('gives up as soon as the container stops running', async () => {
    status = 503;
    const stopped = (): Promise<boolean> => Promise.resolve(false);
    await expect(waitUntilReady(baseUrl, probe, stopped, new FakeClock())).resolves.toEqual({
      kind: 'exited',
    });
  });
});
