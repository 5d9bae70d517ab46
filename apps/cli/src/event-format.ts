import type { ActionEvent, Event, ObservationEvent, TextContent } from '@agentrt/contracts';

export interface EventFormatOptions {
  /** Errors in red: only when the output is a terminal. */
  colour: boolean;
  /** Observation output lines kept before "… N more lines". */
  maxOutputLines?: number;
}

const MAX_OUTPUT_LINES = 4;
const MAX_LINE = 160;
const MAX_ARGS = 80;

/**
 * An agent event as a person reads it in a terminal: the agent's words, `$ command` for
 * terminal actions, a tool and its short arguments for other actions, an observation's first
 * lines, status changes and errors. Undefined for events a reader does not need (the system
 * prompt, full state snapshots).
 */
export function formatEvent(event: Event, options: EventFormatOptions): string | undefined {
  switch (event.kind) {
    case 'MessageEvent':
      return `${event.source === 'user' ? 'user' : 'agent'}: ${texts(event.llm_message.content)}`;
    case 'ActionEvent':
      return formatAction(event);
    case 'ObservationEvent':
      return formatObservation(event, options.maxOutputLines ?? MAX_OUTPUT_LINES);
    case 'UserRejectObservation':
      return `rejected ${event.tool_name}: ${event.rejection_reason}`;
    case 'AgentErrorEvent':
      return red(`error in ${event.tool_name}: ${clip(event.error, MAX_LINE)}`, options);
    case 'ConversationErrorEvent':
      return red(`error: ${event.code}: ${clip(event.detail, MAX_LINE)}`, options);
    case 'ConversationStateUpdateEvent':
      return event.key === 'execution_status' && typeof event.value === 'string'
        ? `[status] ${event.value}`
        : undefined;
    case 'PauseEvent':
      return '[paused]';
    case 'Condensation':
      return `[history condensed: ${event.forgotten_event_ids.length} events summarised]`;
    case 'SystemPromptEvent':
      return undefined;
  }
}

function formatAction(event: ActionEvent): string {
  const action = event.action;
  const command = action?.['command'];
  if (action?.kind === 'TerminalAction' && typeof command === 'string') return `$ ${command}`;
  const message = action?.['message'];
  if (action?.kind === 'FinishAction' && typeof message === 'string') {
    return `finish: ${clip(message, MAX_LINE)}`;
  }
  return `${event.tool_name}(${clip(shortArgs(event), MAX_ARGS)})`;
}

/** The action's fields (or the LLM's raw arguments when the action did not validate). */
function shortArgs(event: ActionEvent): string {
  if (event.action) {
    // `kind` only repeats the tool's name.
    return oneLine(JSON.stringify({ ...event.action, kind: undefined }));
  }
  return oneLine(event.tool_call?.arguments ?? '');
}

function formatObservation(event: ObservationEvent, maxLines: number): string | undefined {
  const content = event.observation['content'];
  const text = Array.isArray(content) ? texts(content.filter(isTextContent)) : '';
  const lines = text
    .split('\n')
    .filter((line, index, all) => line !== '' || index < all.length - 1);
  if (lines.length === 0) return undefined;
  const shown = lines.slice(0, maxLines).map((line) => `  ${clip(line, MAX_LINE)}`);
  if (lines.length > maxLines) shown.push(`  … ${lines.length - maxLines} more lines`);
  return shown.join('\n');
}

function isTextContent(part: unknown): part is TextContent {
  return (
    typeof part === 'object' &&
    part !== null &&
    (part as { type?: unknown }).type === 'text' &&
    typeof (part as { text?: unknown }).text === 'string'
  );
}

function texts(content: readonly { type: string; text?: string }[]): string {
  return content
    .map((part) => (part.type === 'text' ? (part.text ?? '') : '[image]'))
    .join('\n')
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function red(text: string, options: EventFormatOptions): string {
  return options.colour ? `\x1b[31m${text}\x1b[0m` : text;
}
