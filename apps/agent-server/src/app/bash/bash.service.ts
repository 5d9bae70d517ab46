import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type {
  BashCommand,
  BashEvent,
  BashEventPage,
  BashEventSearchQuery,
  BashOutput,
  StartBashCommandRequest,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { ActivityTracker, CLOCK, type Clock } from '../health/activity-tracker';
import { combineOutputs } from './bash-output-events';
import { BashEventStore } from './bash-event-store';
import { RunningCommand } from './running-command';
import { startShell } from './shell-process';

/**
 * Runs commands for `/api/bash`: each in its own `bash -c` process group, its events in the
 * store. A running command counts as activity, so a runtime is not reaped mid-command.
 */
@Injectable()
export class BashService implements BeforeApplicationShutdown {
  private readonly running = new Set<RunningCommand>();

  constructor(
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly environment: RuntimeEnvironment,
    private readonly activity: ActivityTracker,
    private readonly store: BashEventStore,
  ) {}

  /** Starts the command and answers its BashCommand at once. */
  async start(request: StartBashCommandRequest): Promise<BashCommand> {
    return (await this.launch(request)).command;
  }

  /** Runs the command to its end and answers the final output, with all its output joined. */
  async execute(request: StartBashCommandRequest): Promise<BashOutput> {
    const { command, run } = await this.launch(request);
    const last = await run.done;
    return combineOutputs(this.store.outputsOf(command.id), last);
  }

  search(query: BashEventSearchQuery): BashEventPage {
    return this.store.search(query);
  }

  event(id: string): BashEvent {
    const event = this.store.get(id);
    if (!event) throw new ApiException(404, `No bash event ${id} (unknown, or dropped as old)`);
    return event;
  }

  /**
   * Before, not on, shutdown: Nest closes the HTTP server in between, and that waits for open
   * `execute_bash_command` requests, which wait for their commands. Commands run detached, so
   * any left running would outlive the server.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const runs = [...this.running];
    await Promise.all(runs.map((run) => run.kill()));
    await Promise.all(runs.map((run) => run.done));
  }

  private async launch(request: StartBashCommandRequest) {
    const cwd = await this.workingDirectory(request.cwd);
    const command: BashCommand = {
      kind: 'BashCommand',
      id: randomUUID(),
      timestamp: new Date(this.now()).toISOString(),
      command: request.command,
      cwd,
      timeout: request.timeout,
    };
    this.store.append(command);
    const env = this.environment.forChild();
    const spec = {
      id: command.id,
      command: command.command,
      cwd,
      env,
      timeoutSeconds: command.timeout,
    };
    const run = new RunningCommand(spec, {
      startShell,
      publish: (event) => this.store.append(event),
      now: this.now,
    });
    this.track(run);
    return { command, run };
  }

  private track(run: RunningCommand): void {
    const ended = this.activity.begin();
    this.running.add(run);
    void run.done.then(() => {
      this.running.delete(run);
      ended();
    });
  }

  /** `cwd` relative to the workspace (absolute as given); it must be an existing directory. */
  private async workingDirectory(requested: string | undefined): Promise<string> {
    const cwd = resolve(this.config.WORKSPACE_DIR, requested ?? '.');
    const stats = await stat(cwd).catch(() => undefined);
    if (!stats?.isDirectory()) {
      const problem = stats ? 'is not a directory' : 'does not exist';
      throw new ApiException(400, `cwd ${JSON.stringify(cwd)} ${problem}`, 'bad_request');
    }
    return cwd;
  }
}
