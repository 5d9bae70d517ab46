import type { Event } from '@agentrt/contracts';
import type { LlmClient } from '../llm/llm-client';
import { LlmError } from '../llm/llm-error';
import { truncateMiddle } from '../tools/truncate-middle';

/** Longest text of one event the summarizer reads; the summary itself is bounded too. */
const EVENT_TEXT_LIMIT = 2_000;
const SUMMARY_LIMIT = 8_000;

const INSTRUCTIONS = [
  'You maintain the memory of a software agent whose older history no longer fits its context.',
  'Write a concise summary of the events below, merged with the previous summary if there is',
  'one: the user goals, what was done (commands, files changed), what was learned, what failed,',
  'and what remains to do. Plain text, no preamble.',
].join(' ');

/**
 * Summarises `forgotten` (with the previous summary) through the agent's own LLM. If the LLM
 * cannot (it fails, or the run is cancelled) the summary is a plain list of what was forgotten,
 * so condensing still frees the context.
 */
export async function summarize(
  llm: LlmClient,
  previous: string | undefined,
  forgotten: readonly Event[],
  signal: AbortSignal,
): Promise<string> {
  const lines = forgotten.map(describe);
  const body = [
    previous ? `Previous summary:\n${previous}` : '',
    `Events:\n${lines.join('\n')}`,
  ].filter(Boolean);
  try {
    const response = await llm.complete({
      system: INSTRUCTIONS,
      messages: [{ role: 'user', content: [{ type: 'text', text: body.join('\n\n') }] }],
      tools: [],
      signal,
    });
    if (response.text.trim()) return truncateMiddle(response.text.trim(), SUMMARY_LIMIT);
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
  }
  return truncateMiddle([previous ?? '', ...lines].filter(Boolean).join('\n'), SUMMARY_LIMIT);
}

function describe(event: Event): string {
  return truncateMiddle(`- ${event.kind}: ${JSON.stringify(payload(event))}`, EVENT_TEXT_LIMIT);
}

function payload(event: Event): unknown {
  switch (event.kind) {
    case 'MessageEvent':
      return { role: event.llm_message.role, content: event.llm_message.content };
    case 'ActionEvent':
      return { tool: event.tool_name, action: event.action ?? event.tool_call?.arguments };
    case 'ObservationEvent':
      return { tool: event.tool_name, result: observationText(event.observation) };
    case 'AgentErrorEvent':
      return { tool: event.tool_name, error: event.error };
    case 'UserRejectObservation':
    case 'SystemPromptEvent':
    case 'ConversationStateUpdateEvent':
    case 'ConversationErrorEvent':
    case 'PauseEvent':
    case 'Condensation':
      return event.kind;
  }
}

/** The text parts of an observation (what the LLM read), not its metadata. */
function observationText(observation: Record<string, unknown>): string {
  const content = Array.isArray(observation['content'])
    ? (observation['content'] as unknown[])
    : [];
  return content
    .map((part) =>
      typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '',
    )
    .join('');
}
