import { createServer } from 'node:net';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value the condition returns', async () => {
    let calls = 0;
    const value = await waitFor(
      () => Promise.resolve(++calls >= 3 ? `after ${calls}` : undefined),
      { intervalMs: 1, description: 'three calls' },
    );
    expect(value).toBe('after 3');
  });

  it('fails with the description and the last error when time runs out', async () => {
    const failing = () => Promise.reject(new Error('still down'));
    await expect(
      waitFor(failing, { timeoutMs: 30, intervalMs: 5, description: 'the service' }),
    ).rejects.toThrow(/timed out after 30 ms waiting for the service \(last error: still down\)/);
  });
});

describe('freePort', () => {
  it('returns a port a server can listen on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect((server.address() as { port: number }).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });
});
