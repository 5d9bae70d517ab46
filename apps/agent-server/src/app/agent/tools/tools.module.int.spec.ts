import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfigModule } from '@agentrt/platform';
import { TmuxService } from '@agentrt/tmux';
import { Test } from '@nestjs/testing';
import { AGENT_SERVER_CONFIG, AgentServerConfigSchema } from '../../config/agent-server.config';
import { AGENT_TOOLS, type AgentTool } from './agent-tool';
import { AgentToolsModule } from './tools.module';

describe('AgentToolsModule (real tmux)', () => {
  const socket = `agentrt-test-${randomBytes(6).toString('hex')}`;
  const observer = new TmuxService({ socketName: socket });
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tools-module-'));
  });
  afterEach(async () => {
    await observer.killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('offers every tool and ends its terminal sessions on shutdown', async () => {
    const config = AgentServerConfigSchema.parse({ TMUX_SOCKET: socket, WORKSPACE_DIR: dir });
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(AGENT_SERVER_CONFIG, config), AgentToolsModule],
    }).compile();
    const app = await moduleRef.init();
    const tools = app.get<AgentTool[]>(AGENT_TOOLS);
    expect(tools.map((tool) => [tool.name, tool.actionKind])).toEqual([
      ['terminal', 'TerminalAction'],
      ['file_editor', 'FileEditorAction'],
      ['execute_ipython_cell', 'IPythonRunCellAction'],
      ['task_tracker', 'TaskTrackerAction'],
      ['browser', 'BrowserAction'],
      ['finish', 'FinishAction'],
    ]);
    const terminal = tools[0];
    const context = {
      conversationId: randomUUID(),
      workingDir: dir,
      env: { PATH: '/usr/bin:/bin' },
      signal: new AbortController().signal,
    };
    await terminal?.execute({ command: 'true' }, context);
    expect(await observer.list()).toHaveLength(1);
    await observer.socketPath(); // so that killAll can remove the socket file afterwards
    await app.close();
    expect(await observer.list()).toEqual([]);
  });
});
