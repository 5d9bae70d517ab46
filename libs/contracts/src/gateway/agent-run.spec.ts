import { rejectionOf } from '../common/rejection.testing';
import { AgentRunRequestSchema, AgentRunResponseSchema } from './agent-run';
import { DebugInjectRequestSchema, DebugRunStateSchema, MonitorIdsSchema } from './debug';

describe('AgentRunRequestSchema', () => {
  it('defaults to a synchronous run with a 300 s timeout', () => {
    expect(AgentRunRequestSchema.parse({ input: 'Summarise README.md' })).toEqual({
      input: 'Summarise README.md',
      mode: 'sync',
      timeout_seconds: 300,
    });
  });

  it('rejects an empty input and an out-of-range timeout, naming each', () => {
    expect(rejectionOf(AgentRunRequestSchema, { input: '  ' })).toContain('input');
    expect(rejectionOf(AgentRunRequestSchema, { input: 'x', timeout_seconds: 0 })).toContain(
      'timeout_seconds',
    );
  });
});

describe('AgentRunResponseSchema', () => {
  it('accepts a finished run with its output', () => {
    const run = {
      run_id: 'run-01',
      agent_id: 'support-bot',
      agent_version: '1.2',
      status: 'succeeded',
      output: 'README.md describes agentrt.',
      runtime_id: 'rt-7d9f2c',
      conversation_id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
      created_at: '2025-06-01T12:00:00Z',
      finished_at: '2025-06-01T12:00:42Z',
    };
    expect(AgentRunResponseSchema.parse(run)).toEqual(run);
  });
});

describe('debug runs', () => {
  const pendingAction = {
    kind: 'ActionEvent',
    id: '0b6c1f3e-2d4a-4b8e-9f1a-7c3d5e6f8a90',
    timestamp: '2025-06-01T12:00:01Z',
    source: 'agent',
    thought: [],
    action: { kind: 'TerminalAction', command: 'rm -rf build' },
    tool_name: 'terminal',
    tool_call_id: 'call_rm',
    security_risk: 'MEDIUM',
  };

  it('holds the pending action and history of a paused run', () => {
    const state = DebugRunStateSchema.parse({
      run_id: 'dbg-01',
      agent_id: 'support-bot',
      agent_version: '1.2',
      runtime_id: 'rt-7d9f2c',
      conversation_id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
      status: 'paused',
      pending_action: pendingAction,
      last_observation: null,
      history: [pendingAction],
      steps: 3,
      updated_at: '2025-06-01T12:00:02Z',
    });
    expect(state.pending_action?.tool_name).toBe('terminal');
  });

  it('injects a message or new action input, but not nothing', () => {
    expect(DebugInjectRequestSchema.parse({ message: 'use make clean' }).message).toBe(
      'use make clean',
    );
    expect(DebugInjectRequestSchema.parse({ action_input: { command: 'make clean' } })).toEqual({
      action_input: { command: 'make clean' },
    });
    expect(rejectionOf(DebugInjectRequestSchema, {})).toBe('give message or action_input');
  });

  it('reads X-MONITOR-ID as one or several run ids', () => {
    expect(MonitorIdsSchema.parse('dbg-01, dbg-02')).toEqual(['dbg-01', 'dbg-02']);
    expect(MonitorIdsSchema.safeParse('').success).toBe(false);
  });
});
