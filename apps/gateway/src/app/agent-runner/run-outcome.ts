import type { AgentRunStatus, Event, ExecutionStatus } from '@agentrt/contracts';

/** What a finished conversation means for the run: its status, and its answer or error. */
export interface RunOutcome {
  status: Extract<AgentRunStatus, 'succeeded' | 'failed'>;
  output?: string;
  error?: string;
}

/** Conversation states in which an (auto-confirming) agent run is over. */
export const ENDED_EXECUTION: ReadonlySet<ExecutionStatus> = new Set<ExecutionStatus>([
  'finished',
  'error',
  'stuck',
]);

/**
 * The run's answer: the `finish` tool's message when the agent called it, else the agent's last
 * message. A conversation that ended in `error` or `stuck` fails with the reason it gave.
 */
export function outcomeOf(execution: ExecutionStatus, events: readonly Event[]): RunOutcome {
  if (execution === 'finished') {
    const output = answerOf(events);
    return output === undefined ? { status: 'succeeded' } : { status: 'succeeded', output };
  }
  return { status: 'failed', error: errorOf(execution, events) };
}

function answerOf(events: readonly Event[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.kind === 'ActionEvent' && event.tool_name === 'finish') {
      const message = event.action?.['message'];
      if (typeof message === 'string') return message;
    }
    if (event?.kind === 'MessageEvent' && event.source === 'agent') {
      return event.llm_message.content
        .flatMap((part) => (part.type === 'text' ? [part.text] : []))
        .join('\n');
    }
  }
  return undefined;
}

function errorOf(execution: ExecutionStatus, events: readonly Event[]): string {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.kind === 'ConversationErrorEvent') return `${event.code}: ${event.detail}`;
    if (event?.kind === 'AgentErrorEvent') return event.error;
  }
  return execution === 'stuck'
    ? 'the agent got stuck repeating itself'
    : `conversation ended in ${execution}`;
}
