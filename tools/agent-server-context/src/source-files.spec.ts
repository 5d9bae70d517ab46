import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { agentServerSources } from './source-files';

const ROOT = resolve(__dirname, '../../..');

describe('the agent server sources a context carries', () => {
  it('are the app and the libs its production code imports, through other libs too', async () => {
    const { projects } = await agentServerSources(ROOT);
    expect([...projects].sort()).toEqual([
      'apps/agent-server',
      'libs/contracts',
      'libs/platform',
      'libs/tmux',
    ]);
  });

  it('hold sources and build tsconfigs but no tests or test helpers, all present on disk', async () => {
    const { files } = await agentServerSources(ROOT);
    expect(files).toEqual(
      expect.arrayContaining([
        'apps/agent-server/src/main.ts',
        'apps/agent-server/tsconfig.app.json',
        'libs/tmux/tsconfig.lib.json',
      ]),
    );
    expect(files.filter((path) => /spec|testing/.test(path))).toEqual([]);
    expect(files).toEqual([...files].sort());
    await Promise.all(files.map((path) => access(join(ROOT, path))));
  });
});
