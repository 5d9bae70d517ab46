import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxService } from './tmux.service';

/** For integration specs: a service on its own socket and a scratch directory, both removed by `cleanup`. */
export async function tmuxFixture() {
  const dir = await mkdtemp(join(tmpdir(), 'tmux-int-'));
  const tmux = new TmuxService({
    socketName: `agentrt-test-${randomBytes(6).toString('hex')}`,
    stateDir: join(dir, 'state'),
  });
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' };
  return {
    tmux,
    dir,
    env,
    shell: (name: string, extraEnv: Record<string, string> = {}) =>
      tmux.create({ name, cwd: dir, env: { ...env, ...extraEnv } }),
    cleanup: async () => {
      await tmux.killAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
