import type { ConversationInfo, Event, ExecutionStatus } from '@agentrt/contracts';
import type { ConversationHandle, NewEvent } from '../../agent/agent-runner';
import type { Conversation } from '../model/conversation';
import type { EventLog } from '../model/event-log';

/**
 * A conversation as the agent loop sees it during one run. The events stay loaded for the
 * whole run (a running conversation is never unloaded), so `history()` is the live list.
 */
export class RunnerHandle implements ConversationHandle {
  constructor(
    private readonly conversation: Conversation,
    private readonly log: EventLog,
  ) {}

  get id(): string {
    return this.conversation.id;
  }

  info(): ConversationInfo {
    return this.conversation.record.info;
  }

  history(): readonly Event[] {
    return this.log.events;
  }

  emit(event: NewEvent): Promise<Event> {
    return this.conversation.emit(event);
  }

  setStatus(status: ExecutionStatus): Promise<void> {
    return this.conversation.setStatus(status);
  }

  secrets(): Readonly<Record<string, string>> {
    return this.conversation.secrets.values();
  }

  get pauseRequested(): boolean {
    return this.conversation.pauseRequested;
  }

  get signal(): AbortSignal {
    return this.conversation.abort.signal;
  }
}
