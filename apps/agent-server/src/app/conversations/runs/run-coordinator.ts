import type { ExecutionStatus } from '@agentrt/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { AgentRunner } from '../../agent/agent-runner';
import { ActivityTracker } from '../../health/activity-tracker';
import type { Conversation } from '../model/conversation';
import { resolveSecretValues } from '../secrets/secret-values';
import { AgentRunnerRef } from './agent-runner-ref';
import { recordInterruptedRun } from './interrupted-run';
import { RunnerHandle } from './runner-handle';
import { hasUnansweredMessage } from './unanswered-message';

/** Statuses after which a message that arrived during the run gets a run of its own. */
const FOLLOW_UP_AFTER: ReadonlySet<ExecutionStatus> = new Set(['finished', 'idle']);

/**
 * Runs conversations in the background, one run per conversation at a time: sets `running`,
 * hands the runner a handle, and makes sure the run ends in a final status even if the runner
 * breaks its promise never to throw.
 */
@Injectable()
export class RunCoordinator {
  private readonly logger = new Logger(RunCoordinator.name);

  constructor(
    private readonly runners: AgentRunnerRef,
    private readonly activity: ActivityTracker,
  ) {}

  /** Starts a run unless one is going; resolves once the status is `running`. 503 without runner. */
  async start(conversation: Conversation): Promise<'started' | 'already-running'> {
    if (conversation.activeRun) return 'already-running';
    const runner = this.runners.require();
    conversation.pauseRequested = false;
    conversation.followUpRequested = false;
    const begun = conversation.setStatus('running');
    conversation.activeRun = this.drive(conversation, runner, begun);
    await begun;
    return 'started';
  }

  private async drive(
    conversation: Conversation,
    runner: AgentRunner,
    begun: Promise<void>,
  ): Promise<void> {
    const done = this.activity.begin();
    try {
      await begun;
      await this.resolveSecrets(conversation);
      const handle = new RunnerHandle(conversation, await conversation.events());
      const final = await runner.run(handle);
      if (conversation.status === 'running') await this.settle(conversation, final);
    } catch (error) {
      await this.fail(conversation, error);
    } finally {
      conversation.activeRun = undefined;
      conversation.markUsed();
      done();
    }
    await this.followUp(conversation);
  }

  /** The runner left the status at `running`: it stopped for shutdown, or forgot to set it. */
  private async settle(conversation: Conversation, final: ExecutionStatus): Promise<void> {
    if (conversation.deleted) return;
    if (conversation.abort.signal.aborted) return recordInterruptedRun(conversation);
    await conversation.setStatus(final === 'running' ? 'error' : final);
  }

  /** LookupSecrets are fetched per run: they may be short-lived tokens. */
  private async resolveSecrets(conversation: Conversation): Promise<void> {
    const { values, failed } = await resolveSecretValues(conversation.record.secrets);
    conversation.secrets.use(values);
    if (failed.length > 0) {
      this.logger.warn(
        { conversation_id: conversation.id, secrets: failed },
        'could not fetch lookup secrets; the run goes on without them',
      );
    }
  }

  private async fail(conversation: Conversation, error: unknown): Promise<void> {
    if (conversation.deleted) return;
    this.logger.error({ err: error, conversation_id: conversation.id }, 'the agent run failed');
    const detail = error instanceof Error ? error.message : String(error);
    try {
      await conversation.emit({
        kind: 'ConversationErrorEvent',
        source: 'environment',
        code: 'AgentRunFailed',
        detail,
      });
      await conversation.setStatus('error');
    } catch (secondary) {
      this.logger.error(
        { err: secondary, conversation_id: conversation.id },
        'could not record the failed run',
      );
    }
  }

  /** A message sent with `run: true` during a run that ended without answering it. */
  private async followUp(conversation: Conversation): Promise<void> {
    if (!conversation.followUpRequested || conversation.deleted) return;
    conversation.followUpRequested = false;
    if (!FOLLOW_UP_AFTER.has(conversation.status)) return;
    if (!hasUnansweredMessage((await conversation.events()).events)) return;
    await this.start(conversation).catch((error: unknown) =>
      this.logger.error({ err: error, conversation_id: conversation.id }, 'follow-up run failed'),
    );
  }
}
