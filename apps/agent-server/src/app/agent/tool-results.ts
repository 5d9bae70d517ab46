import type { Event } from '@agentrt/contracts';

/** A tool call's outcome as the LLM reads it. */
export interface ToolResult {
  text: string;
  isError: boolean;
}

/** The outcome recorded for each tool call id: observation, rejection or error. */
export function toolResultsById(history: readonly Event[]): Map<string, ToolResult> {
  const results = new Map<string, ToolResult>();
  for (const event of history) {
    const result = toolResultOf(event);
    if (result) results.set(result.toolCallId, result);
  }
  return results;
}

function toolResultOf(event: Event): (ToolResult & { toolCallId: string }) | undefined {
  if (event.kind === 'ObservationEvent')
    return {
      toolCallId: event.tool_call_id,
      text: observationText(event.observation),
      isError: event.observation['is_error'] === true,
    };
  if (event.kind === 'UserRejectObservation')
    return {
      toolCallId: event.tool_call_id,
      text: `The user rejected this action: ${event.rejection_reason}`,
      isError: true,
    };
  if (event.kind === 'AgentErrorEvent')
    return { toolCallId: event.tool_call_id, text: event.error, isError: true };
  return undefined;
}

/**
 * The text parts of `observation.content` (where the loop stores what the LLM was shown, as
 * OpenHands observations do); the whole payload as JSON if a tool left none.
 */
export function observationText(observation: Record<string, unknown>): string {
  const content = observation['content'];
  if (!Array.isArray(content)) return JSON.stringify(observation);
  return content
    .filter((part): part is { type: 'text'; text: string } => isTextPart(part))
    .map((part) => part.text)
    .join('\n');
}

function isTextPart(part: unknown): boolean {
  if (typeof part !== 'object' || part === null) return false;
  const record = part as Record<string, unknown>;
  return record['type'] === 'text' && typeof record['text'] === 'string';
}
