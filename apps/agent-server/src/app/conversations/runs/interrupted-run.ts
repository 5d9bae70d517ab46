import type { Conversation } from '../model/conversation';

/** `code` of the error event a run cut short by a server stop ends with. */
export const INTERRUPTED_RUN_CODE = 'AgentServerRestarted';

/**
 * Ends a run the server stopped in the middle of as `error`, saying why: a run cannot resume
 * mid-step, and `error` is what clients already treat as "look, then run again" (running the
 * conversation again continues it). At shutdown if the run stopped in time, else at next boot.
 */
export async function recordInterruptedRun(conversation: Conversation): Promise<void> {
  await conversation.emit({
    kind: 'ConversationErrorEvent',
    source: 'environment',
    code: INTERRUPTED_RUN_CODE,
    detail:
      'The agent server stopped while this conversation was running, so the run was cut short. Run the conversation again to continue.',
  });
  await conversation.setStatus('error');
}
