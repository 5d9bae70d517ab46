import { randomUUID } from 'node:crypto';
import type { Event } from '@agentrt/contracts';
import { EventSchema } from '@agentrt/contracts';
import type { RunRecord } from '@agentrt/gateway-state';
import { buildDebugState, type DebugSnapshot, debugStatusOf } from './debug-state';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
let clock = 0;
const event = (fields: Record<string, unknown>): Event =>
  EventSchema.parse({ id: randomUUID(), timestamp: at((clock += 1)), ...fields });

const record: DebugSnapshot['record'] = {
  run_id: 'dbg-1',
  agent_id: 'support-bot',
  agent_version: '1.0',
  status: 'running',
  created_at: at(0),
  owner: 'key-a',
  kind: 'debug',
  release: 'stop',
  timeout_seconds: 300,
  runtime: { runtime_id: 'rt-1', url: 'http://127.0.0.1:1/rt-1', session_api_key: 'secret-key' },
  conversation_id: randomUUID(),
  debug_steps: 2,
};

const userMessage = event({
  kind: 'MessageEvent',
  source: 'user',
  llm_message: { role: 'user', content: [{ type: 'text', text: 'make a file' }] },
});
const action = (callId: string, command: string) =>
  event({
    kind: 'ActionEvent',
    source: 'agent',
    tool_name: 'terminal',
    tool_call_id: callId,
    action: { kind: 'TerminalAction', command },
  });
const first = action('call-1', 'touch a.txt');
const observation = event({
  kind: 'ObservationEvent',
  source: 'environment',
  tool_name: 'terminal',
  tool_call_id: 'call-1',
  action_id: first.id,
  observation: { kind: 'TerminalObservation', exit_code: 0 },
});
const second = action('call-2', 'rm -rf /tmp/x');
const now = new Date(Date.UTC(2026, 0, 1, 1));

describe('buildDebugState', () => {
  it('shows the action awaiting a step, the last observation, the whole history and the steps', () => {
    const events = [userMessage, first, observation, second];
    const state = buildDebugState({ record, events, execution: 'waiting_for_confirmation', now });
    expect(state).toEqual({
      run_id: 'dbg-1',
      agent_id: 'support-bot',
      agent_version: '1.0',
      runtime_id: 'rt-1',
      conversation_id: record.conversation_id,
      status: 'paused',
      pending_action: second,
      last_observation: observation,
      history: events,
      steps: 2,
      updated_at: now.toISOString(),
    });
    expect(JSON.stringify(state)).not.toContain('secret-key');
  });

  it('has no pending action before the agent stopped, nor after a skip answered it', () => {
    const running = buildDebugState({ record, events: [userMessage], execution: 'running', now });
    expect(running).toMatchObject({
      status: 'running',
      pending_action: null,
      last_observation: null,
    });
    const rejection = event({
      kind: 'UserRejectObservation',
      source: 'user',
      tool_name: 'terminal',
      tool_call_id: 'call-2',
      action_id: second.id,
    });
    const events = [userMessage, second, rejection];
    const skipped = buildDebugState({ record, events, execution: 'waiting_for_confirmation', now });
    expect(skipped).toMatchObject({ pending_action: null, last_observation: rejection });
  });

  it('reports an ended run by its record, whatever the conversation last said', () => {
    const ended = (status: RunRecord['status']) =>
      buildDebugState({ record: { ...record, status }, events: [userMessage, second], now });
    expect(ended('succeeded')).toMatchObject({ status: 'finished', pending_action: null });
    expect(ended('cancelled').status).toBe('stopped');
    expect(ended('failed').status).toBe('error');
  });
});

describe('debugStatusOf', () => {
  it('maps a live run from its conversation', () => {
    expect(debugStatusOf('running', undefined)).toBe('starting');
    expect(debugStatusOf('running', 'idle')).toBe('starting');
    expect(debugStatusOf('running', 'waiting_for_confirmation')).toBe('paused');
    expect(debugStatusOf('running', 'finished')).toBe('finished');
    expect(debugStatusOf('running', 'stuck')).toBe('error');
    expect(debugStatusOf('timed_out', 'running')).toBe('stopped');
  });
});
