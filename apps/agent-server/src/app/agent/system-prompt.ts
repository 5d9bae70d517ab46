import type { Event, SystemPromptEvent } from '@agentrt/contracts';
import type { NewEvent } from './agent-runner';
import type { LlmToolSpec } from './llm/llm-client';
import { toFunctionDefinition } from './tool-catalog';

/** The agent's instructions when `AGENT_SYSTEM_PROMPT` does not replace them. */
export const DEFAULT_SYSTEM_PROMPT = `You are an autonomous software engineering agent working in a \
sandboxed runtime. You act only through the tools you are given.

- Work in the conversation's working directory unless told otherwise; use absolute paths with \
the file editor.
- Run commands with the terminal tool; the shell is persistent, so directory changes and \
exported variables carry over between calls.
- Prefer small, verifiable steps: look before you change, and check the result after.
- Never print or echo secret values; refer to them through their environment variables.
- When the task is done, or you cannot go on, call the finish tool with a short summary. If \
you need the user's input, answer with a message instead of a tool call.`;

/**
 * The prompt actually sent: the conversation's system prompt plus what changes during a
 * conversation and so is not frozen into its SystemPromptEvent (working dir, secret names).
 */
export function effectiveSystemPrompt(
  base: string,
  workingDir: string,
  secretNames: readonly string[],
): string {
  const lines = [base, '', `The working directory is ${workingDir}.`];
  if (secretNames.length > 0) {
    const names = secretNames.map((name) => `$${name}`).join(', ');
    lines.push(`These secrets are set as environment variables in the terminal: ${names}.`);
  }
  return lines.join('\n');
}

/**
 * The conversation's system prompt: the one its SystemPromptEvent recorded, or, on its first
 * run, `prompt`, which is then recorded with the tool definitions (as OpenHands does once).
 */
export async function ensureSystemPrompt(
  history: readonly Event[],
  prompt: string,
  tools: readonly LlmToolSpec[],
  emit: (event: NewEvent) => Promise<Event>,
): Promise<string> {
  const existing = history.find(
    (event): event is SystemPromptEvent => event.kind === 'SystemPromptEvent',
  );
  if (existing) return existing.system_prompt.text;
  await emit({
    kind: 'SystemPromptEvent',
    source: 'agent',
    system_prompt: { type: 'text', text: prompt },
    tools: tools.map(toFunctionDefinition),
  });
  return prompt;
}
