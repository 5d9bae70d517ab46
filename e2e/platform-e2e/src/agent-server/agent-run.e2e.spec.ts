import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Event } from '@agentrt/contracts';
import { lastToolResult } from '@agentrt/testing';
import {
  AgentRunFixture,
  EventSocket,
  LLM_KEY,
  gate,
  statusUpdates,
  userMessage,
} from './agent-run.helpers';

/** What clients put in `agent.tools`, and the tool names the LLM is then offered. */
const REQUESTED_TOOLS = ['TerminalTool', 'FileEditorTool'];
const LLM_TOOLS = ['terminal', 'file_editor', 'finish'];

const ofKind = <K extends Event['kind']>(events: readonly Event[], kind: K) =>
  events.filter((event): event is Extract<Event, { kind: K }> => event.kind === kind);

describe('agent-server: the agent loop against a scripted OpenAI-compatible LLM', () => {
  let fixture: AgentRunFixture;
  afterEach(async () => fixture?.stop());

  const start = async (stream = false) =>
    (fixture = await AgentRunFixture.start({ stream, tools: LLM_TOOLS }));

  it('edits a file, runs a command and finishes, streaming the LLM answers', async () => {
    await start(true);
    const dir = join(fixture.workspace, 'project');
    const file = join(dir, 'hello.txt');
    fixture.llm.enqueue(
      {
        text: 'I will create the file.',
        toolCalls: [
          {
            name: 'file_editor',
            arguments: { command: 'create', path: file, file_text: 'Hello world\n' },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: 'file_editor',
            arguments: { command: 'str_replace', path: file, old_str: 'world', new_str: 'agentrt' },
          },
        ],
      },
      {
        toolCalls: [
          { name: 'terminal', arguments: { command: 'cat hello.txt && echo sum=$((40+2))' } },
        ],
      },
      {
        reply: { toolCalls: [{ name: 'finish', arguments: { message: 'The file says hello.' } }] },
        check: (request) =>
          lastToolResult(request).includes('Hello agentrt') &&
          lastToolResult(request).includes('sum=42')
            ? []
            : [`the terminal output did not reach the LLM: ${lastToolResult(request)}`],
      },
    );
    const conversation = await fixture.createConversation({
      stream: true,
      tools: REQUESTED_TOOLS,
      initial_message: userMessage('Create hello.txt and show it'),
    });
    await fixture.waitForStatus(conversation.id, 'finished');

    expect(await readFile(file, 'utf8')).toBe('Hello agentrt\n');
    expect(fixture.llm.violations).toEqual([]);
    expect(fixture.llm.remaining).toBe(0);
    const events = await fixture.events(conversation.id);
    const actions = ofKind(events, 'ActionEvent');
    expect(actions.map((action) => action.tool_name)).toEqual([
      'file_editor',
      'file_editor',
      'terminal',
      'finish',
    ]);
    expect(actions[0]?.thought).toEqual([{ type: 'text', text: 'I will create the file.' }]);
    const observations = ofKind(events, 'ObservationEvent');
    expect(observations.map((observation) => observation.action_id)).toEqual(
      actions.map((action) => action.id),
    );
    expect(JSON.stringify(observations[2]?.observation)).toContain('sum=42');
    expect(ofKind(events, 'SystemPromptEvent')).toHaveLength(1);
    expect(statusUpdates(events)).toEqual(['running', 'finished']);
    expect(events.at(-1)).toMatchObject({
      kind: 'ConversationStateUpdateEvent',
      value: 'finished',
    });
    // The fake reports 11 prompt and 7 completion tokens per answer; there were 4 answers.
    expect((await fixture.info(conversation.id)).stats).toMatchObject({
      usage_to_metrics: {
        agent: { accumulated_token_usage: { prompt_tokens: 44, completion_tokens: 28 } },
      },
    });
  });

  it('streams a run over the event socket, with the final status after everything else', async () => {
    await start();
    fixture.llm.enqueue(
      { toolCalls: [{ name: 'terminal', arguments: { command: 'echo from-socket' } }] },
      { text: 'Said it.' },
    );
    const conversation = await fixture.createConversation({ tools: REQUESTED_TOOLS });
    const socket = await EventSocket.open(fixture, conversation.id);
    try {
      await socket.waitFor((frame) => frame['key'] === 'full_state', 'the full state');
      socket.send({ role: 'user', content: [{ type: 'text', text: 'Say something' }] });
      const finished = await socket.waitFor(
        (frame) => frame['key'] === 'execution_status' && frame['value'] === 'finished',
        'the finished status',
      );
      const kinds = socket.frames.slice(0, finished).map((frame) => frame['kind']);
      expect(kinds).toEqual(
        expect.arrayContaining(['ActionEvent', 'ObservationEvent', 'MessageEvent']),
      );
      const events = await fixture.events(conversation.id);
      expect(events.at(-1)?.id).toBe(socket.frames[finished]?.['id']);
      expect(fixture.llm.violations).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it('pauses between steps, and goes on from there when run again', async () => {
    await start();
    const held = gate();
    fixture.llm.enqueue({
      reply: { toolCalls: [{ name: 'terminal', arguments: { command: 'echo step-one' } }] },
      gate: held.promise,
    });
    const conversation = await fixture.createConversation({
      tools: REQUESTED_TOOLS,
      initial_message: userMessage('Do two steps'),
    });
    await fixture.llm.waitForRequests(1);
    expect((await fixture.call('POST', `/api/conversations/${conversation.id}/pause`)).status).toBe(
      200,
    );
    held.release();
    await fixture.waitForStatus(conversation.id, 'paused');
    const paused = await fixture.events(conversation.id);
    expect(paused.map((event) => event.kind).slice(-4)).toEqual([
      'ActionEvent',
      'ObservationEvent',
      'PauseEvent',
      'ConversationStateUpdateEvent',
    ]);

    fixture.llm.enqueue({ text: 'Both steps done.' });
    expect((await fixture.call('POST', `/api/conversations/${conversation.id}/run`)).status).toBe(
      200,
    );
    await fixture.waitForStatus(conversation.id, 'finished');
    expect(fixture.llm.violations).toEqual([]);
    const events = await fixture.events(conversation.id);
    expect(ofKind(events, 'MessageEvent').at(-1)?.llm_message.content).toEqual([
      { type: 'text', text: 'Both steps done.' },
    ]);
  });

  it('under AlwaysConfirm waits for the user, and runs the action once accepted', async () => {
    await start();
    fixture.llm.enqueue({
      toolCalls: [{ name: 'terminal', arguments: { command: 'echo yes > approved.txt' } }],
    });
    const conversation = await fixture.createConversation({
      tools: REQUESTED_TOOLS,
      confirmation_policy: { kind: 'AlwaysConfirm' },
      initial_message: userMessage('Write approved.txt'),
    });
    await fixture.waitForStatus(conversation.id, 'waiting_for_confirmation');
    const approved = join(fixture.workspace, 'project', 'approved.txt');
    expect(existsSync(approved)).toBe(false);

    fixture.llm.enqueue({ text: 'Written.' });
    const accept = { accept: true, reason: '' };
    const path = `/api/conversations/${conversation.id}/events/respond_to_confirmation`;
    expect((await fixture.call('POST', path, accept)).status).toBe(200);
    await fixture.waitForStatus(conversation.id, 'finished');
    expect((await readFile(approved, 'utf8')).trim()).toBe('yes');
    expect(fixture.llm.violations).toEqual([]);
  });

  it('under AlwaysConfirm tells the LLM about a rejection and never runs the action', async () => {
    await start();
    fixture.llm.enqueue({
      toolCalls: [{ name: 'terminal', arguments: { command: 'touch rejected.txt' } }],
    });
    const conversation = await fixture.createConversation({
      tools: REQUESTED_TOOLS,
      confirmation_policy: { kind: 'AlwaysConfirm' },
      initial_message: userMessage('Touch a file'),
    });
    await fixture.waitForStatus(conversation.id, 'waiting_for_confirmation');
    fixture.llm.enqueue({
      reply: { text: 'Understood, I will not.' },
      check: (request) =>
        lastToolResult(request).includes('not in this directory')
          ? []
          : ['the LLM did not see the rejection'],
    });
    const reject = { accept: false, reason: 'not in this directory' };
    const path = `/api/conversations/${conversation.id}/events/respond_to_confirmation`;
    expect((await fixture.call('POST', path, reject)).status).toBe(200);
    await fixture.waitForStatus(conversation.id, 'finished');
    expect(existsSync(join(fixture.workspace, 'project', 'rejected.txt'))).toBe(false);
    const events = await fixture.events(conversation.id);
    expect(ofKind(events, 'UserRejectObservation')).toMatchObject([
      { rejection_reason: 'not in this directory' },
    ]);
    expect(ofKind(events, 'ObservationEvent')).toEqual([]);
    expect(fixture.llm.violations).toEqual([]);
  });

  it('ends in status error with a ConversationErrorEvent when the LLM refuses the key', async () => {
    await start();
    fixture.llm.enqueue({ httpError: 401, message: 'Incorrect API key provided' });
    const conversation = await fixture.createConversation({
      tools: REQUESTED_TOOLS,
      initial_message: userMessage('Hello'),
    });
    await fixture.waitForStatus(conversation.id, 'error');
    const events = await fixture.events(conversation.id);
    expect(ofKind(events, 'ConversationErrorEvent')).toMatchObject([
      { code: 'LLMAuthenticationError', detail: expect.stringContaining('Incorrect API key') },
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'ConversationStateUpdateEvent', value: 'error' });
    expect(fixture.llm.requests).toHaveLength(1);
  });

  it('answers 409 to a second run while one is going', async () => {
    await start();
    const held = gate();
    fixture.llm.enqueue({ reply: { text: 'Done.' }, gate: held.promise });
    const conversation = await fixture.createConversation({
      tools: REQUESTED_TOOLS,
      initial_message: userMessage('Hello'),
    });
    await fixture.llm.waitForRequests(1);
    const second = await fixture.call('POST', `/api/conversations/${conversation.id}/run`);
    expect(second.status).toBe(409);
    held.release();
    await fixture.waitForStatus(conversation.id, 'finished');
  });

  it('gives a command its secret but never shows the value in events or to the LLM', async () => {
    await start();
    const secret = 'pw-e2e-very-secret-4711';
    fixture.llm.enqueue(
      { toolCalls: [{ name: 'terminal', arguments: { command: 'echo "password=$DB_PASSWORD"' } }] },
      {
        reply: { toolCalls: [{ name: 'finish', arguments: { message: 'Checked.' } }] },
        check: (request) =>
          lastToolResult(request).includes('password=') ? [] : ['the command output is missing'],
      },
    );
    const conversation = await fixture.createConversation({
      tools: REQUESTED_TOOLS,
      secrets: { DB_PASSWORD: secret },
      initial_message: userMessage('Check the database password'),
    });
    await fixture.waitForStatus(conversation.id, 'finished');
    const events = JSON.stringify(await fixture.events(conversation.id));
    expect(events).toContain('password=');
    expect(events).not.toContain(secret);
    expect(events).not.toContain(LLM_KEY);
    expect(JSON.stringify(fixture.llm.requests.map((request) => request.body))).not.toContain(
      secret,
    );
    const logs = fixture.server.output.join('\n');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(LLM_KEY);
    expect(fixture.llm.violations).toEqual([]);
  });
});
