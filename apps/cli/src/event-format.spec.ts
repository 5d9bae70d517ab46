import { type Event, EventSchema } from '@agentrt/contracts';
import { randomUUID } from 'node:crypto';
import { formatEvent } from './event-format';

/** An event as the agent server sends it (parsed, so defaults are filled in as for real). */
function event(kind: string, source: string, fields: Record<string, unknown>): Event {
  return EventSchema.parse({
    kind,
    source,
    id: randomUUID(),
    timestamp: '2026-01-01T00:00:00Z',
    ...fields,
  });
}

const plain = { colour: false };
const text = (value: string) => [{ type: 'text', text: value }];
const tool = { tool_name: 'terminal', tool_call_id: 'call-1' };

describe('formatEvent', () => {
  it("shows the agent's and the user's messages as text", () => {
    const agent = event('MessageEvent', 'agent', {
      llm_message: { role: 'assistant', content: text('Done: hello.txt written.') },
    });
    const user = event('MessageEvent', 'user', {
      llm_message: { role: 'user', content: text('write hello.txt') },
    });
    expect(formatEvent(agent, plain)).toBe('agent: Done: hello.txt written.');
    expect(formatEvent(user, plain)).toBe('user: write hello.txt');
  });

  it('shows a terminal action as the command, and other tools with short arguments', () => {
    const terminal = event('ActionEvent', 'agent', {
      ...tool,
      action: { kind: 'TerminalAction', command: 'ls -la /workspace' },
    });
    const editor = event('ActionEvent', 'agent', {
      tool_name: 'file_editor',
      tool_call_id: 'call-2',
      action: {
        kind: 'FileEditorAction',
        command: 'create',
        path: '/w/a.txt',
        file_text: 'x'.repeat(500),
      },
    });
    const finish = event('ActionEvent', 'agent', {
      tool_name: 'finish',
      tool_call_id: 'call-3',
      action: { kind: 'FinishAction', message: 'All done.' },
    });
    expect(formatEvent(terminal, plain)).toBe('$ ls -la /workspace');
    const line = formatEvent(editor, plain) ?? '';
    expect(line.startsWith('file_editor({"command":"create","path":"/w/a.txt"')).toBe(true);
    expect(line.length).toBeLessThan(100);
    expect(formatEvent(finish, plain)).toBe('finish: All done.');
  });

  it("shows an action whose arguments did not validate with the LLM's raw arguments", () => {
    const broken = event('ActionEvent', 'agent', {
      ...tool,
      action: null,
      tool_call: { id: 'call-1', name: 'terminal', arguments: '{"cmd":\n "ls"}' },
    });
    expect(formatEvent(broken, plain)).toBe('terminal({"cmd": "ls"})');
  });

  it("truncates an observation's output to its first lines", () => {
    const output = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');
    const observation = event('ObservationEvent', 'environment', {
      ...tool,
      action_id: randomUUID(),
      observation: { kind: 'TerminalObservation', content: text(output), exit_code: 0 },
    });
    expect(formatEvent(observation, plain)?.split('\n')).toEqual([
      '  line 1',
      '  line 2',
      '  line 3',
      '  line 4',
      '  … 6 more lines',
    ]);
  });

  it('shows status changes and skips what a reader does not need', () => {
    const status = event('ConversationStateUpdateEvent', 'environment', {
      key: 'execution_status',
      value: 'finished',
    });
    const full = event('ConversationStateUpdateEvent', 'environment', {
      key: 'full_state',
      value: {},
    });
    const prompt = event('SystemPromptEvent', 'agent', { system_prompt: text('You are...')[0] });
    expect(formatEvent(status, plain)).toBe('[status] finished');
    expect(formatEvent(full, plain)).toBeUndefined();
    expect(formatEvent(prompt, plain)).toBeUndefined();
  });

  it('shows errors, in red only on a terminal', () => {
    const toolError = event('AgentErrorEvent', 'agent', { ...tool, error: 'no such command' });
    const failed = event('ConversationErrorEvent', 'environment', {
      code: 'llm_error',
      detail: 'the provider refused',
    });
    expect(formatEvent(toolError, plain)).toBe('error in terminal: no such command');
    expect(formatEvent(failed, plain)).toBe('error: llm_error: the provider refused');
    expect(formatEvent(failed, { colour: true })).toBe(
      '\x1b[31merror: llm_error: the provider refused\x1b[0m',
    );
  });
});
