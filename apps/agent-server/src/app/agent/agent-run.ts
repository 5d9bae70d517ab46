import type { ActionEvent, Event, ExecutionStatus } from '@agentrt/contracts';
import { type ActionExecution, agentError, executeAction } from './action-executor';
import { planActions } from './action-planner';
import type { ConversationHandle, NewEvent } from './agent-runner';
import type { Condenser } from './condenser/condenser';
import type { LlmClient, LlmResponse, LlmToolSpec } from './llm/llm-client';
import { LlmError } from './llm/llm-error';
import { toLlmMessages } from './llm-messages';
import { pendingActions, withReplacedInput } from './pending-actions';
import { requiresConfirmation } from './security/confirmation';
import type { SecurityAnalyzer } from './security/security-analyzer';
import { detectStuck } from './stuck-detector';
import { effectiveSystemPrompt, ensureSystemPrompt } from './system-prompt';
import type { AgentTool } from './tools/agent-tool';
import { statsWithUsage } from './usage-stats';

/** Everything one run of one conversation works with, prepared by the AgentLoop. */
export interface RunSetup {
  handle: ConversationHandle;
  llm: LlmClient;
  tools: readonly AgentTool[];
  toolSpecs: readonly LlmToolSpec[];
  /** Used for a new conversation's SystemPromptEvent; later runs reuse that event's text. */
  systemPrompt: string;
  workingDir: string;
  execution: ActionExecution;
  security: SecurityAnalyzer;
  condenser: Condenser;
}

/** How a run ended: a status to set, or `cancelled` (deleted or shutting down: set nothing). */
export type RunEnd = ExecutionStatus | 'cancelled';

/** Tools that run without confirmation under any policy, as in the OpenHands SDK. */
const NEVER_CONFIRMED = new Set(['finish', 'think']);

/**
 * One run of the agent loop: pending actions first (an accepted confirmation), then steps of
 * "ask the LLM, emit its actions, run them" until the agent answers without a tool call or
 * calls finish, a pause or confirmation stops it, the LLM fails, it is stuck, or it reaches
 * `max_iterations` (then `error` with code `MaxIterationsReached`, as the SDK does).
 */
export class AgentRun {
  constructor(private readonly setup: RunSetup) {}

  private get handle(): ConversationHandle {
    return this.setup.handle;
  }

  async run(): Promise<RunEnd> {
    const systemPrompt = await this.systemPrompt();
    const history = this.handle.history();
    const pending = pendingActions(history).map((event) => ({
      event: withReplacedInput(event, history),
    }));
    if (await this.runActions(pending)) return 'finished';
    const maxIterations = this.handle.info().max_iterations;
    for (let iteration = 0; iteration < maxIterations; iteration += 1) {
      if (this.handle.signal.aborted) return 'cancelled';
      if (this.handle.pauseRequested) return this.pause();
      const end = await this.step(systemPrompt);
      if (end) return end;
      if (await this.stuck()) return 'stuck';
    }
    // The SDK's code and wording, which clients match on.
    const detail = `Agent reached maximum iterations limit (${maxIterations}).`;
    return this.fail('MaxIterationsReached', detail);
  }

  private async step(systemPrompt: string): Promise<RunEnd | undefined> {
    await this.setup.condenser.condense(this.handle.history(), this.handle.signal);
    let response = await this.ask(systemPrompt);
    // The provider says the context is too long: condense what can be, and ask once more.
    if (response instanceof LlmError && response.code === 'LLMContextWindowExceedError') {
      const { condenser } = this.setup;
      if (await condenser.condense(this.handle.history(), this.handle.signal, true)) {
        response = await this.ask(systemPrompt);
      }
    }
    if (response === 'cancelled') return response;
    if (response instanceof LlmError) return this.fail(response.code, response.message);
    await this.recordUsage(response);
    if (response.toolCalls.length === 0) return this.answer(response.text);
    const actions = await this.emitActions(response);
    if (actions.length > 0 && this.mustConfirm(actions)) return 'waiting_for_confirmation';
    return (await this.runActions(actions)) ? 'finished' : undefined;
  }

  private async ask(systemPrompt: string): Promise<LlmResponse | LlmError | 'cancelled'> {
    try {
      return await this.setup.llm.complete({
        system: effectiveSystemPrompt(
          systemPrompt,
          this.setup.workingDir,
          Object.keys(this.handle.secrets()),
        ),
        messages: toLlmMessages(this.handle.history()),
        tools: this.setup.toolSpecs,
        signal: this.handle.signal,
      });
    } catch (error) {
      if (this.handle.signal.aborted) return 'cancelled';
      if (error instanceof LlmError) return error;
      throw error;
    }
  }

  /** Emits an ActionEvent per tool call (and an error for each invalid one); returns the valid. */
  private async emitActions(response: LlmResponse) {
    const runnable: { event: ActionEvent; args: unknown }[] = [];
    for (const planned of planActions(response, this.setup.tools, this.setup.security)) {
      const event = (await this.emit(planned.event)) as ActionEvent;
      if (planned.error !== undefined) await this.emit(agentError(event, planned.error));
      else runnable.push({ event, args: planned.args });
    }
    return runnable;
  }

  /** Runs actions in order; true if one of them finished the conversation. */
  private async runActions(actions: { event: ActionEvent; args?: unknown }[]): Promise<boolean> {
    let finished = false;
    for (const { event, args } of actions) {
      if (this.handle.signal.aborted) break;
      finished = (await executeAction(event, this.setup.execution, args)) || finished;
    }
    return finished;
  }

  /** One action the policy asks about holds back the whole response, as in the SDK. */
  private mustConfirm(actions: { event: ActionEvent }[]): boolean {
    const policy = this.handle.info().confirmation_policy;
    return actions.some(
      ({ event }) =>
        !NEVER_CONFIRMED.has(event.tool_name) && requiresConfirmation(policy, event.security_risk),
    );
  }

  private async answer(text: string): Promise<ExecutionStatus> {
    await this.emit({
      kind: 'MessageEvent',
      source: 'agent',
      llm_message: { role: 'assistant', content: [{ type: 'text', text }] },
    });
    return 'finished';
  }

  private async pause(): Promise<ExecutionStatus> {
    await this.emit({ kind: 'PauseEvent', source: 'user' });
    return 'paused';
  }

  private async fail(code: string, detail: string): Promise<ExecutionStatus> {
    await this.emit({ kind: 'ConversationErrorEvent', source: 'environment', code, detail });
    return 'error';
  }

  private async systemPrompt(): Promise<string> {
    const { systemPrompt, toolSpecs } = this.setup;
    // A gateway agent's own instructions travel as OpenHands' agent_context suffix.
    const suffix = this.handle.info().agent.agent_context?.system_message_suffix;
    const prompt = suffix ? `${systemPrompt}\n\n${suffix}` : systemPrompt;
    return ensureSystemPrompt(this.handle.history(), prompt, toolSpecs, (event) =>
      this.emit(event),
    );
  }

  /** Token usage goes into ConversationInfo.stats through a `stats` state update. */
  private async recordUsage(response: LlmResponse): Promise<void> {
    const { stats, agent } = this.handle.info();
    const value = statsWithUsage(stats, agent.llm.model, response.usage, response.responseId);
    await this.emit({
      kind: 'ConversationStateUpdateEvent',
      source: 'environment',
      key: 'stats',
      value,
    });
  }

  /** With stuck detection on, a detected loop ends the run with an event saying which one. */
  private async stuck(): Promise<boolean> {
    if (this.handle.info()['stuck_detection'] === false) return false;
    const stuck = detectStuck(this.handle.history());
    if (!stuck) return false;
    await this.emit({
      kind: 'ConversationErrorEvent',
      source: 'environment',
      code: 'AgentStuck',
      detail: `Stuck (${stuck.pattern}): ${stuck.detail}`,
    });
    return true;
  }

  private emit(event: NewEvent): Promise<Event> {
    return this.setup.execution.emit(event);
  }
}
