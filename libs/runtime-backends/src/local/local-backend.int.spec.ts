import { waitFor } from '@agentrt/testing';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeManager } from '../manager/runtime-manager';
import type { RuntimeHandle, RuntimeSpec } from '../runtime-backend';
import { LocalBackend } from './local-backend';

const SERVER = `const http = require('node:http');
console.log('starting on ' + process.env.PORT);
http.createServer((req, res) => { res.statusCode = req.url === '/alive' ? 200 : 404; res.end('ok'); })
  .listen(Number(process.env.PORT), process.env.HOST);`;
const NEVER_READY = `console.log('booting forever'); setInterval(() => {}, 1000);`;

let dir: string;
let owner: string;
let backend: LocalBackend;

function newBackend(): LocalBackend {
  const agentServerCommand = [process.execPath, join(dir, 'server.js')];
  // A fixed PATH: runtimes get no inherited environment, and tests read none.
  const baseEnvironment = { PATH: '/usr/local/bin:/usr/bin:/bin' };
  return new LocalBackend({
    root: join(dir, 'root'),
    owner,
    agentServerCommand,
    baseEnvironment,
    stopGraceMs: 2_000,
  });
}

function spec(overrides: Partial<RuntimeSpec> = {}): RuntimeSpec {
  const runtimeId = `rt-${randomUUID().slice(0, 8)}`;
  return {
    runtimeId,
    sessionId: `s-${runtimeId}`,
    image: 'ignored',
    command: [],
    environment: { GREETING: 'hello' },
    ports: [60000],
    resourceFactor: 1,
    pullPolicy: 'Never',
    labels: {},
    readiness: { port: 60000, path: '/alive', timeoutMs: 10_000 },
    ...overrides,
  };
}

async function answers(handle: RuntimeHandle): Promise<boolean> {
  try {
    const response = await fetch(`${handle.endpoints[60000]}/alive`, {
      signal: AbortSignal.timeout(300),
    });
    return response.ok;
  } catch {
    return false;
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentrt-local-'));
  owner = `test-${randomUUID()}`;
  await writeFile(join(dir, 'server.js'), SERVER);
  await writeFile(join(dir, 'never-ready.js'), NEVER_READY);
  backend = newBackend();
});

afterEach(async () => {
  // Remove every runtime this test's owner holds, even when the test failed half way.
  await new RuntimeManager([newBackend()]).sweep(new Set());
  await rm(dir, { recursive: true, force: true });
});

describe('LocalBackend (real processes)', () => {
  it('starts a ready runtime that inspect, list and exec see', async () => {
    const s = spec();
    const handle = await backend.start(s);
    expect(handle).toMatchObject({ backend: 'local', runtimeId: s.runtimeId });
    expect(await answers(handle)).toBe(true);
    const inspection = await backend.inspect(handle);
    expect(inspection).toMatchObject({ status: 'running', podStatus: 'ready' });
    expect(inspection.labels['org.agentrt.owner']).toBe(owner);
    expect(inspection.logsTail).toContain('starting on');
    const result = await backend.exec(handle, ['sh', '-c', 'pwd; echo $TMUX_SOCKET']);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `${join(dir, 'root', s.runtimeId)}\nagentrt-${s.runtimeId}\n`,
      stderr: '',
    });
    expect((await backend.exec(handle, ['sh', '-c', 'exit 3'])).exitCode).toBe(3);
    expect(backend.attachCommand(handle, 'main')).toEqual([
      'tmux',
      '-L',
      `agentrt-${s.runtimeId}`,
      'attach',
      '-t',
      'main',
    ]);
  });

  it('pauses (endpoint stops answering) and resumes (answers again)', async () => {
    const handle = await backend.start(spec());
    await backend.pause(handle);
    expect(await backend.inspect(handle)).toMatchObject({ status: 'paused' });
    expect(await answers(handle)).toBe(false);
    const resumed = await backend.resume(handle);
    expect(resumed).toEqual(handle);
    await waitFor(() => answers(resumed), {
      timeoutMs: 5_000,
      description: 'resumed runtime answers',
    });
    expect((await backend.inspect(handle)).status).toBe('running');
  });

  it('stops: process group gone, workspace removed, inspect says not found, stop again succeeds', async () => {
    const s = spec();
    const handle = await backend.start(s);
    await backend.pause(handle);
    await backend.stop(handle);
    expect(() => process.kill(-Number(handle.ref), 0)).toThrow(/ESRCH/);
    expect(existsSync(join(dir, 'root', s.runtimeId))).toBe(false);
    expect(await backend.inspect(handle)).toMatchObject({ podStatus: 'not found' });
    await backend.stop(handle);
    expect(await backend.list()).toEqual([]);
  });

  it('fails a start that never gets ready with not_ready, its last log lines and nothing left', async () => {
    const s = spec({
      command: [process.execPath, join(dir, 'never-ready.js')],
      readiness: { port: 60000, path: '/alive', timeoutMs: 800 },
    });
    await expect(backend.start(s)).rejects.toMatchObject({
      reason: 'not_ready',
      logsTail: expect.stringContaining('booting forever'),
    });
    expect(existsSync(join(dir, 'root', s.runtimeId))).toBe(false);
    expect(await backend.list()).toEqual([]);
  });

  it('finds its runtimes after all in-memory state is dropped, and not other owners', async () => {
    const s = spec();
    const handle = await backend.start(s);
    const listed = await newBackend().list();
    expect(listed).toEqual([
      expect.objectContaining({ handle, sessionId: s.sessionId, status: 'running' }),
    ]);
    const otherOwner = new LocalBackend({
      root: join(dir, 'root'),
      owner: 'someone-else',
      agentServerCommand: [],
    });
    expect(await otherOwner.list()).toEqual([]);
  });

  it('sweep removes an orphan and keeps a runtime with a live record', async () => {
    const kept = await backend.start(spec());
    const orphan = await backend.start(spec());
    const removed = await new RuntimeManager([newBackend()]).sweep(new Set([kept.runtimeId]));
    expect(removed.map((r) => r.handle.runtimeId)).toEqual([orphan.runtimeId]);
    expect(await answers(orphan)).toBe(false);
    expect(await answers(kept)).toBe(true);
  });
});
