import { setTimeout as pause } from 'node:timers/promises';
import {
  type CliAgentCapture,
  type CliAgentInfo,
  CliAgentNameSchema,
  type SendKeysToCliAgentRequest,
  type SendToCliAgentRequest,
  type StartCliAgentRequest,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { ignoreGone, TmuxService } from '@agentrt/tmux';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { CLOCK, type Clock } from '../health/activity-tracker';
import { type CliAgent, cliAgentInfo, lastLines, sessionOf } from './cli-agent';
import { notRunning, toApiError, unknownCliAgent } from './cli-agent-errors';
import { assertRunnable, cliAgentArgv } from './cli-agent-program';
import { CLI_AGENTS_TMUX } from './cli-agents.tokens';
import { PerNameQueue } from './per-name-queue';

/**
 * A TUI that sees text and Enter arrive together takes the Enter as part of the paste (a newline,
 * not a submit), so Enter follows in its own tmux call after this pause, as tmux-agents does.
 */
const ENTER_DELAY_MS = 100;

/**
 * AI CLIs (claude, aider, gemini, ...) in named tmux sessions: start, type into, read, restart,
 * stop. They live in memory as long as the server; its shutdown ends them.
 */
@Injectable()
export class CliAgentsService {
  private readonly agents = new Map<string, CliAgent>();
  private readonly queue = new PerNameQueue();

  constructor(
    @Inject(CLI_AGENTS_TMUX) private readonly tmux: TmuxService,
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
    private readonly runtime: RuntimeEnvironment,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  start(request: StartCliAgentRequest): Promise<CliAgentInfo> {
    return this.queue.run(request.name, async () => {
      if (this.agents.has(request.name)) {
        throw new ApiException(409, `CLI agent "${request.name}" already exists`, 'conflict');
      }
      const agent: CliAgent = {
        name: request.name,
        session: sessionOf(request.name),
        command: request.command,
        argv: cliAgentArgv(request.command),
        cwd: request.cwd ?? this.config.WORKSPACE_DIR,
        env: request.env,
        createdAt: new Date(this.now()),
        restarts: 0,
      };
      await this.launch(agent);
      this.agents.set(agent.name, agent);
      return this.info(agent);
    });
  }

  list(): Promise<CliAgentInfo[]> {
    return Promise.all([...this.agents.values()].map((agent) => this.info(agent)));
  }

  async get(name: string): Promise<CliAgentInfo> {
    return this.info(this.find(name));
  }

  /** Pastes `text`, then presses Enter separately. A dead agent is not restarted behind the caller's back. */
  async send(name: string, { text, enter }: SendToCliAgentRequest): Promise<void> {
    const agent = await this.running(name);
    try {
      if (text.length > 0) await this.tmux.sendText(agent.session, text, { bracketed: true });
      if (!enter) return;
      if (text.length > 0) await pause(ENTER_DELAY_MS);
      await this.tmux.sendKeys(agent.session, ['Enter']);
    } catch (error) {
      throw toApiError(name, error);
    }
  }

  async sendKeys(name: string, { keys }: SendKeysToCliAgentRequest): Promise<void> {
    const agent = await this.running(name);
    await this.tmux.sendKeys(agent.session, keys).catch((error: unknown) => {
      throw toApiError(name, error);
    });
  }

  /** The pane's last `lines` lines; a dead pane still shows what the command last printed. */
  async capture(name: string, lines: number): Promise<CliAgentCapture> {
    const agent = this.find(name);
    const [alive, text] = await Promise.all([
      this.tmux.isAlive(agent.session),
      this.tmux.capturePane(agent.session, { history: true }).catch(ignoreGone),
    ]);
    return { name, alive, content: lastLines(text ?? '', lines) };
  }

  /** Ends the session if it still runs and starts the same command again. */
  restart(name: string): Promise<CliAgentInfo> {
    return this.queue.run(name, async () => {
      const agent = this.find(name);
      await this.launch(agent);
      agent.createdAt = new Date(this.now());
      agent.restarts += 1;
      return this.info(agent);
    });
  }

  remove(name: string): Promise<void> {
    return this.queue.run(name, async () => {
      const agent = this.find(name);
      await this.tmux.kill(agent.session);
      this.agents.delete(name);
    });
  }

  /**
   * (Re)starts the agent's session. A session of that name with no agent here was left by an
   * earlier server process on the same socket: it is ended, as the terminal tool does.
   */
  private async launch(agent: CliAgent): Promise<void> {
    const env = { ...this.runtime.forChild(), ...agent.env };
    await assertRunnable(agent.argv[0] ?? '', agent.cwd, env);
    try {
      await this.tmux.kill(agent.session);
      await this.tmux.create({ name: agent.session, cwd: agent.cwd, env, command: agent.argv });
    } catch (error) {
      throw toApiError(agent.name, error);
    }
  }

  private async info(agent: CliAgent): Promise<CliAgentInfo> {
    const alive = await this.tmux.isAlive(agent.session);
    return cliAgentInfo(agent, alive, this.tmux.attachCommand(agent.session));
  }

  private async running(name: string): Promise<CliAgent> {
    const agent = this.find(name);
    if (!(await this.tmux.isAlive(agent.session))) throw notRunning(name);
    return agent;
  }

  private find(name: string): CliAgent {
    if (!CliAgentNameSchema.safeParse(name).success) {
      throw new ApiException(400, `Invalid CLI agent name "${name}": use 1-48 of [A-Za-z0-9_-]`);
    }
    const agent = this.agents.get(name);
    if (!agent) throw unknownCliAgent(name);
    return agent;
  }
}
