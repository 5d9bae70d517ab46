import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalFixture } from './testing/local-fixture';

const run = promisify(execFile);
const MiB = 1024 ** 2;
const NOBODY = 65534;

let fx: LocalFixture;

beforeEach(async () => {
  fx = await LocalFixture.create();
});

afterEach(async () => {
  await fx.cleanup();
});

/** Whether user `uid` still has a tmux server on `socket`. */
async function tmuxServerUp(socket: string, uid: number): Promise<boolean> {
  const listed = await run('tmux', ['-L', socket, 'ls'], { uid, gid: uid }).catch(() => undefined);
  return listed !== undefined;
}

describe('LocalBackend run-as ids and memory cap (real processes)', () => {
  it('runs the runtime and its execs as the spec user and group, in a workspace they own', async () => {
    const backend = fx.backend();
    const spec = fx.spec({ runAsUser: NOBODY, runAsGroup: NOBODY });
    const handle = await backend.start(spec);
    const status = await readFile(`/proc/${handle.ref}/status`, 'utf8');
    expect(status).toMatch(/^Uid:\t65534\t65534\t65534\t65534$/m);
    expect(status).toMatch(/^Gid:\t65534\t65534\t65534\t65534$/m);
    const marker = await stat(join(fx.root, spec.runtimeId, 'server-was-here'));
    expect([marker.uid, marker.gid]).toEqual([NOBODY, NOBODY]);
    const result = await backend.exec(handle, [
      'sh',
      '-c',
      'id -u; id -g; echo hi > note; cat note',
    ]);
    expect(result).toEqual({ exitCode: 0, stdout: '65534\n65534\nhi\n', stderr: '' });
  });

  it("stops the runtime user's tmux server along with the runtime", async () => {
    const backend = fx.backend();
    const handle = await backend.start(fx.spec({ runAsUser: NOBODY }));
    const tmux = ['sh', '-c', 'tmux -L "$TMUX_SOCKET" new-session -d -s work sleep 300'];
    expect((await backend.exec(handle, tmux)).exitCode).toBe(0);
    const socket = `agentrt-${handle.runtimeId}`;
    expect(await tmuxServerUp(socket, NOBODY)).toBe(true);
    await backend.stop(handle);
    expect(await tmuxServerUp(socket, NOBODY)).toBe(false);
  });

  it('caps the memory of each process at the resource factor times the unit', async () => {
    const backend = fx.backend({ memoryBytesPerUnit: 128 * MiB });
    const handle = await backend.start(fx.spec({ resourceFactor: 2 }));
    const limits = await readFile(`/proc/${handle.ref}/limits`, 'utf8');
    expect(limits).toMatch(/^Max data size\s+268435456\s+268435456\s+bytes/m);
    const allocate = (mib: number) =>
      backend.exec(handle, [process.execPath, '-e', `Buffer.alloc(${mib} * 2 ** 20, 1)`]);
    expect((await allocate(64)).exitCode).toBe(0);
    const over = await allocate(400);
    expect(over.exitCode).not.toBe(0);
    expect(over.stderr).toContain('Array buffer allocation failed');
  });

  it('applies no memory cap when the unit is 0', async () => {
    const backend = fx.backend({ memoryBytesPerUnit: 0 });
    const handle = await backend.start(fx.spec());
    const limits = await readFile(`/proc/${handle.ref}/limits`, 'utf8');
    expect(limits).toMatch(/^Max data size\s+unlimited\s+unlimited\s+bytes/m);
  });
});
