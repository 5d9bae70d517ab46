import type { ActionEvent, Event, MessageEvent } from '@agentrt/contracts';
import { actionArgs } from './action-planner';
import { condensedView } from './condenser/condensed-view';
import type { LlmContentPart, LlmMessage, LlmToolCall } from './llm/llm-client';
import { type ToolResult, toolResultsById } from './tool-results';

/**
 * The conversation as the LLM reads it, rebuilt from the events each step: user and agent
 * messages, each LLM response's actions as one assistant message with its tool calls, and right
 * after it the results of those calls (wherever they are in the history, so a user message sent
 * while an action awaited confirmation does not split a call from its result). Calls with no
 * result yet are left out, since providers refuse a call without one. After a condensation the
 * forgotten events are left out and its summary stands in for them, as a user message.
 */
export function toLlmMessages(history: readonly Event[]): LlmMessage[] {
  const view = condensedView(history);
  const results = toolResultsById(view.events);
  const messages: LlmMessage[] = [];
  let batch: ActionEvent[] = [];
  const flush = () => {
    messages.push(...actionMessages(batch, results));
    batch = [];
  };
  for (const [index, event] of view.events.entries()) {
    if (view.summary !== undefined && index === view.summaryOffset) {
      flush();
      messages.push(summaryMessage(view.summary));
    }
    if (event.kind === 'ActionEvent') {
      if (!sameResponse(batch[0], event)) flush();
      batch.push(event);
    } else if (event.kind === 'MessageEvent') {
      flush();
      messages.push(...chatMessage(event));
    }
  }
  flush();
  if (view.summary !== undefined && view.summaryOffset >= view.events.length) {
    messages.push(summaryMessage(view.summary));
  }
  return messages;
}

function summaryMessage(summary: string): LlmMessage {
  const text = `Summary of the earlier conversation, condensed to save context:\n${summary}`;
  return { role: 'user', content: [{ type: 'text', text }] };
}

function sameResponse(first: ActionEvent | undefined, next: ActionEvent): boolean {
  return !!first?.llm_response_id && first.llm_response_id === next.llm_response_id;
}

function actionMessages(batch: ActionEvent[], results: Map<string, ToolResult>): LlmMessage[] {
  const answered = batch.filter((action) => results.has(action.tool_call_id));
  if (answered.length === 0) return [];
  const text = batch[0]?.thought.map((part) => part.text).join('') ?? '';
  const toolResults = answered.map((action): LlmMessage => {
    const result = results.get(action.tool_call_id) as ToolResult;
    return { role: 'tool', toolCallId: action.tool_call_id, toolName: action.tool_name, ...result };
  });
  return [{ role: 'assistant', text, toolCalls: answered.map(toToolCall) }, ...toolResults];
}

function toToolCall(action: ActionEvent): LlmToolCall {
  return {
    id: action.tool_call_id,
    name: action.tool_name,
    argumentsJson: action.tool_call?.arguments ?? JSON.stringify(actionArgs(action)),
  };
}

function chatMessage(event: MessageEvent): LlmMessage[] {
  const { role, content } = event.llm_message;
  const parts = content.flatMap((part): LlmContentPart[] =>
    part.type === 'text'
      ? [{ type: 'text', text: part.text }]
      : part.image_urls.map((url) => ({ type: 'image' as const, url })),
  );
  // Providers refuse empty messages; an empty one carries nothing for the LLM anyway.
  if (parts.length === 0) return [];
  if (role === 'user') return [{ role: 'user', content: parts }];
  if (role === 'assistant') return [{ role: 'assistant', text: textOf(parts), toolCalls: [] }];
  return [];
}

function textOf(parts: LlmContentPart[]): string {
  return parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
