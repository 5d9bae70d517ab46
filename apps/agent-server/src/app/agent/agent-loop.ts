import type { ActionEvent, Event, ExecutionStatus } from '@agentrt/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { ActivityTracker } from '../health/activity-tracker';
import { argsOfAction } from './action-planner';
import { AgentRun, type RunEnd } from './agent-run';
import type { AgentRunner, ConversationHandle, NewEvent } from './agent-runner';
import { LLM_CLIENT_FACTORY, type LlmClientFactory } from './llm/llm-client-factory';
import { LlmError } from './llm/llm-error';
import { prepareRun, type RunDependencies } from './run-setup';
import { SecretMasker } from './secret-masker';
import { SecurityAnalyzer } from './security/security-analyzer';
import { DEFAULT_SYSTEM_PROMPT } from './system-prompt';
import { unknownToolNames } from './tool-catalog';
import { AGENT_TOOLS, type AgentTool } from './tools/agent-tool';

/**
 * The {@link AgentRunner}: prepares a run, runs it, and sets its final status as the run's last
 * event. Every event goes out with the conversation's secrets and LLM key masked. Whatever fails
 * becomes a ConversationErrorEvent and status `error`; `run` never rejects.
 */
@Injectable()
export class AgentLoop implements AgentRunner {
  private readonly logger = new Logger(AgentLoop.name);
  private readonly dependencies: RunDependencies;

  constructor(
    @Inject(AGENT_TOOLS) private readonly tools: AgentTool[],
    @Inject(LLM_CLIENT_FACTORY) llms: LlmClientFactory,
    @Inject(AGENT_SERVER_CONFIG) config: AgentServerConfig,
    environment: RuntimeEnvironment,
    private readonly activity: ActivityTracker,
  ) {
    const systemPrompt = config.AGENT_SYSTEM_PROMPT ?? DEFAULT_SYSTEM_PROMPT;
    this.dependencies = {
      tools,
      llms,
      environment,
      workspaceDir: config.WORKSPACE_DIR,
      systemPrompt,
      security: new SecurityAnalyzer(config.AGENT_SECURITY_RULES),
      condenser: { maxSize: config.CONDENSER_MAX_SIZE, keepFirst: config.CONDENSER_KEEP_FIRST },
    };
  }

  async run(handle: ConversationHandle): Promise<ExecutionStatus> {
    const done = this.activity.begin();
    try {
      return await this.runToEnd(handle);
    } finally {
      done();
    }
  }

  checkActionInput(action: ActionEvent, input: Record<string, unknown>): string | undefined {
    const tool = this.tools.find((candidate) => candidate.name === action.tool_name);
    if (!tool) return `Tool "${action.tool_name}" is not available`;
    const kind = action.action?.kind ?? tool.actionKind;
    const parsed = argsOfAction({ ...action, action: { ...input, kind } }, tool);
    return 'error' in parsed ? parsed.error : undefined;
  }

  async release(conversationId: string): Promise<void> {
    const releases = this.tools.map((tool) =>
      tool.release ? tool.release(conversationId) : Promise.resolve(),
    );
    const failed = (await Promise.allSettled(releases)).filter((r) => r.status === 'rejected');
    if (failed.length > 0)
      this.logger.warn({ conversation_id: conversationId }, 'a tool failed to free its resources');
  }

  private async runToEnd(handle: ConversationHandle): Promise<ExecutionStatus> {
    const emit = (event: NewEvent): Promise<Event> => handle.emit(maskerFor(handle).mask(event));
    this.warnAboutUnknownTools(handle);
    let end: RunEnd;
    try {
      end = await new AgentRun(await prepareRun(handle, this.dependencies, emit)).run();
    } catch (error) {
      end = await this.failure(handle, emit, error);
    }
    if (end === 'cancelled') return handle.info().execution_status;
    await handle.setStatus(end).catch((error: unknown) => {
      const detail = maskerFor(handle).mask(String(error));
      this.logger.error({ conversation_id: handle.id, detail }, 'could not set the final status');
    });
    this.logger.log({ conversation_id: handle.id, status: end }, 'agent run ended');
    return end;
  }

  /** Unexpected failures (a bug, a store that cannot write) still end the run as an error. */
  private async failure(
    handle: ConversationHandle,
    emit: (event: NewEvent) => Promise<Event>,
    error: unknown,
  ): Promise<RunEnd> {
    if (handle.signal.aborted) return 'cancelled';
    const code = error instanceof LlmError ? error.code : 'InternalError';
    const detail = error instanceof Error ? error.message : String(error);
    if (!(error instanceof LlmError)) {
      const masked = maskerFor(handle).mask(detail);
      this.logger.error({ conversation_id: handle.id, detail: masked }, 'the agent run failed');
    }
    const event: NewEvent = { kind: 'ConversationErrorEvent', source: 'environment', code, detail };
    await emit(event).catch(() => undefined);
    return 'error';
  }

  /** Clients send tool names we do not have (e.g. a browser); the agent goes on without them. */
  private warnAboutUnknownTools(handle: ConversationHandle): void {
    const unknown = unknownToolNames(this.tools, handle.info().agent.tools);
    if (unknown.length > 0)
      this.logger.warn({ conversation_id: handle.id, tools: unknown }, 'unknown tools ignored');
  }
}

/** Masks the conversation's secrets as they are now (they may change during a run). */
function maskerFor(handle: ConversationHandle): SecretMasker {
  return new SecretMasker([...Object.values(handle.secrets()), handle.info().agent.llm.api_key]);
}
