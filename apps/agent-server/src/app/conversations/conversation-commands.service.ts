import type {
  ConfirmationPolicy,
  ConfirmationResponseRequest,
  Secrets,
  SendMessageRequest,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Injectable } from '@nestjs/common';
import type { AgentRunner } from '../agent/agent-runner';
import { pendingActions, REPLACED_INPUT_KEY, type ReplacedInput } from '../agent/pending-actions';
import { MessageSender } from './message-sender';
import type { Conversation } from './model/conversation';
import { ConversationRegistry } from './registry/conversation-registry';
import { AgentRunnerRef } from './runs/agent-runner-ref';
import { RunCoordinator } from './runs/run-coordinator';
import { hasUnansweredMessage } from './runs/unanswered-message';

/** What clients tell a conversation to do: run, pause, confirm, and its settings. */
@Injectable()
export class ConversationCommandsService {
  constructor(
    private readonly registry: ConversationRegistry,
    private readonly runs: RunCoordinator,
    private readonly runners: AgentRunnerRef,
    private readonly messages: MessageSender,
  ) {}

  /**
   * Starts a run in the background; 409 while one is going. A finished conversation with no
   * new message has nothing to do, so it stays finished (as in OpenHands).
   */
  async run(id: string): Promise<void> {
    const conversation = await this.registry.require(id);
    this.runners.require();
    if (conversation.activeRun) {
      throw new ApiException(
        409,
        `Conversation ${id} is already running; wait for it to finish or pause it first`,
        'conflict',
      );
    }
    const history = (await conversation.events()).events;
    if (conversation.status === 'finished' && !hasUnansweredMessage(history)) return;
    await this.runs.start(conversation);
  }

  /**
   * A running conversation stops between two steps (the runner emits the PauseEvent); one
   * waiting for confirmation pauses at once. Otherwise there is nothing to pause.
   */
  async pause(id: string): Promise<void> {
    const conversation = await this.registry.require(id);
    if (conversation.activeRun) {
      conversation.pauseRequested = true;
    } else if (conversation.status === 'waiting_for_confirmation') {
      await conversation.emit({ kind: 'PauseEvent', source: 'user' });
      await conversation.setStatus('paused');
    }
  }

  async sendMessage(id: string, message: SendMessageRequest): Promise<void> {
    await this.messages.send(await this.registry.require(id), message);
  }

  /** Accept runs the pending actions; reject records a rejection for each, then the agent goes on. */
  async respondToConfirmation(id: string, response: ConfirmationResponseRequest): Promise<void> {
    const conversation = await this.registry.require(id);
    if (conversation.status !== 'waiting_for_confirmation') {
      throw new ApiException(
        409,
        `Conversation ${id} is not waiting for confirmation (execution_status: ${conversation.status})`,
        'conflict',
      );
    }
    const runner = this.runners.require();
    // The run that asked for confirmation may still be winding down; let it end first.
    await conversation.activeRun;
    if (response.action_input !== undefined) {
      await this.replaceInput(conversation, runner, response.accept, response.action_input);
    } else if (!response.accept) {
      const log = await conversation.events();
      for (const action of pendingActions(log.events)) {
        await conversation.emit({
          kind: 'UserRejectObservation',
          source: 'user',
          tool_name: action.tool_name,
          tool_call_id: action.tool_call_id,
          action_id: action.id,
          rejection_reason: response.reason,
        });
      }
    }
    await this.runs.start(conversation);
  }

  /**
   * The debugger's "run it with this input instead": checked against the tool's schema, then
   * recorded as a state update that the run applies to the pending action.
   */
  private async replaceInput(
    conversation: Conversation,
    runner: AgentRunner,
    accept: boolean,
    input: Record<string, unknown>,
  ): Promise<void> {
    const pending = pendingActions((await conversation.events()).events);
    const [action] = pending;
    if (!accept || !action || pending.length > 1) {
      const why = !accept
        ? 'action_input needs accept: true'
        : `action_input needs exactly one pending action (there are ${pending.length})`;
      throw new ApiException(400, why, 'bad_request');
    }
    const problem = runner.checkActionInput(action, input);
    if (problem !== undefined) throw new ApiException(400, problem, 'bad_request');
    const value: ReplacedInput = { action_id: action.id, input };
    await conversation.emit({
      kind: 'ConversationStateUpdateEvent',
      source: 'user',
      key: REPLACED_INPUT_KEY,
      value,
    });
  }

  async setConfirmationPolicy(id: string, policy: ConfirmationPolicy): Promise<void> {
    await (await this.registry.require(id)).change('confirmation_policy', policy);
  }

  async updateSecrets(id: string, secrets: Secrets): Promise<void> {
    await (await this.registry.require(id)).updateSecrets(secrets);
  }
}
