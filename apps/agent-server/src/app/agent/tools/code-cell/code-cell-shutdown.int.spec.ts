import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfigModule } from '@agentrt/platform';
import { TmuxService } from '@agentrt/tmux';
import { Test } from '@nestjs/testing';
import { AGENT_SERVER_CONFIG, AgentServerConfigSchema } from '../../../config/agent-server.config';
import { AGENT_TOOLS, type AgentTool } from '../agent-tool';
import { AgentToolsModule } from '../tools.module';

describe('code cells in the AgentToolsModule (real python3)', () => {
  const socket = `agentrt-test-${randomBytes(6).toString('hex')}`;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'code-cell-module-'));
  });
  afterEach(async () => {
    await new TmuxService({ socketName: socket }).killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('kills every interpreter when the server shuts down', async () => {
    const config = AgentServerConfigSchema.parse({ TMUX_SOCKET: socket, WORKSPACE_DIR: dir });
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(AGENT_SERVER_CONFIG, config), AgentToolsModule],
    }).compile();
    const app = await moduleRef.init();
    try {
      const cells = app
        .get<AgentTool[]>(AGENT_TOOLS)
        .find((t) => t.aliases.includes('IPythonTool'));
      const context = {
        conversationId: randomUUID(),
        workingDir: dir,
        env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
        signal: new AbortController().signal,
      };
      const outcome = await cells?.execute({ code: 'import os; os.getpid()' }, context);
      const pid = Number(outcome?.text);
      expect(pid).toBeGreaterThan(0);
      await app.close();
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
      expect(stat === undefined || / Z /.test(stat)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
