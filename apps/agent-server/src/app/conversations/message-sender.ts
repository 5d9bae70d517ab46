import type { SendMessageRequest } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Injectable } from '@nestjs/common';
import type { Conversation } from './model/conversation';
import { AgentRunnerRef } from './runs/agent-runner-ref';
import { RunCoordinator } from './runs/run-coordinator';

/** User messages, from REST (`initial_message`, `POST .../events`) and event sockets alike. */
@Injectable()
export class MessageSender {
  constructor(
    private readonly runs: RunCoordinator,
    private readonly runners: AgentRunnerRef,
  ) {}

  /** 400 for a message without content; 503 when it asks for a run that cannot happen. */
  check(message: SendMessageRequest): void {
    if (message.content.length === 0) {
      throw new ApiException(
        400,
        'A message needs at least one content part, e.g. {"type": "text", "text": "..."}',
        'bad_request',
      );
    }
    if (message.run) this.runners.require();
  }

  /**
   * Adds the message as a user MessageEvent. With `run`, the agent starts unless it is already
   * running (the running loop reads the new message) or waits for a confirmation (a message
   * must not silently approve the pending action).
   */
  async send(conversation: Conversation, message: SendMessageRequest): Promise<void> {
    this.check(message);
    await conversation.emit({
      kind: 'MessageEvent',
      source: 'user',
      llm_message: { role: message.role, content: message.content },
    });
    if (!message.run) return;
    if (conversation.activeRun) {
      conversation.followUpRequested = true;
      return;
    }
    if (conversation.status !== 'waiting_for_confirmation') await this.runs.start(conversation);
  }
}
