import type { ActionEvent, ConversationInfo, Event, ExecutionStatus } from '@agentrt/contracts';

// Not `Omit`: on the contracts' loose (index-signature) types it keeps only the index signature,
// which would let any object pass as an event.
type OmitKnown<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? OmitKnown<T, K> : never;
/** An event before the store gives it an id and timestamp. */
export type NewEvent = DistributiveOmit<Event, 'id' | 'timestamp'>;

/**
 * What the agent loop sees of a conversation. Implemented by the conversations module; the
 * loop never touches storage or sockets directly.
 */
export interface ConversationHandle {
  readonly id: string;
  /** The stored conversation: agent (llm, tools), workspace, policy, max_iterations, status. */
  info(): ConversationInfo;
  /** Every event so far, in order; the loop rebuilds the LLM's messages from it. */
  history(): readonly Event[];
  /** Appends an event (id, timestamp, persisted, published to subscribers) and returns it. */
  emit(event: NewEvent): Promise<Event>;
  /** Sets `execution_status`, emitting a ConversationStateUpdateEvent (key `execution_status`). */
  setStatus(status: ExecutionStatus): Promise<void>;
  /** Secret values by name; exported to commands, masked in every emitted event. */
  secrets(): Readonly<Record<string, string>>;
  /** True once `/pause` was called; the loop stops between steps and emits a PauseEvent. */
  readonly pauseRequested: boolean;
  /** Aborted when the conversation is deleted or the server shuts down. */
  readonly signal: AbortSignal;
}

/**
 * Runs agent steps for a conversation whose status the caller has just set to `running`.
 * Runs until the agent finishes, is paused, must wait for confirmation, fails, or hits
 * `max_iterations`, and sets that final status as its last event. Pending actions (ActionEvents
 * with no observation yet) are executed first: that is how an accepted confirmation resumes.
 * Never throws: LLM and tool failures become events and status `error`.
 */
export interface AgentRunner {
  run(conversation: ConversationHandle): Promise<ExecutionStatus>;
  /**
   * Why `input` cannot replace the arguments of the pending `action` (its tool is gone, or the
   * input does not fit the tool's schema); undefined when it can.
   */
  checkActionInput(action: ActionEvent, input: Record<string, unknown>): string | undefined;
  /** Frees per-conversation resources when a conversation is deleted or unloaded. */
  release(conversationId: string): Promise<void>;
}

export const AGENT_RUNNER = Symbol('AGENT_RUNNER');
