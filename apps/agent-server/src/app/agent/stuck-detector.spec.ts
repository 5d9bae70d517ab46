import { randomUUID } from 'node:crypto';
import { type Event, EventSchema } from '@agentrt/contracts';
import type { NewEvent } from './agent-runner';
import { detectStuck, isStuck } from './stuck-detector';

const stored = (event: NewEvent): Event =>
  EventSchema.parse({ ...event, id: randomUUID(), timestamp: new Date().toISOString() });

let calls = 0;
function step(command: string, result: string, error = false): Event[] {
  const id = `c${++calls}`;
  const action = stored({
    kind: 'ActionEvent',
    source: 'agent',
    tool_name: 'terminal',
    tool_call_id: id,
    thought: [],
    action: { kind: 'TerminalAction', command },
    security_risk: 'UNKNOWN',
  });
  const outcome: NewEvent = error
    ? {
        kind: 'AgentErrorEvent',
        source: 'agent',
        tool_name: 'terminal',
        tool_call_id: id,
        error: result,
      }
    : {
        kind: 'ObservationEvent',
        source: 'environment',
        tool_name: 'terminal',
        tool_call_id: id,
        action_id: action.id,
        observation: { kind: 'TerminalObservation', content: [{ type: 'text', text: result }] },
      };
  return [action, stored(outcome)];
}

const user = stored({
  kind: 'MessageEvent',
  source: 'user',
  llm_message: { role: 'user', content: [{ type: 'text', text: 'go' }] },
});

describe('isStuck', () => {
  it('is stuck after the same action and observation four times', () => {
    const three = [user, ...step('ls', 'a'), ...step('ls', 'a'), ...step('ls', 'a')];
    expect(isStuck(three)).toBe(false);
    expect(isStuck([...three, ...step('ls', 'a')])).toBe(true);
  });

  it('is stuck after the same failing action three times', () => {
    expect(
      isStuck([
        user,
        ...step('x', 'bad', true),
        ...step('x', 'bad', true),
        ...step('x', 'bad', true),
      ]),
    ).toBe(true);
  });

  it('is not stuck when results differ or the user spoke in between', () => {
    expect(
      isStuck([
        user,
        ...step('ls', 'a'),
        ...step('ls', 'b'),
        ...step('ls', 'a'),
        ...step('ls', 'a'),
      ]),
    ).toBe(false);
    expect(
      isStuck([
        ...step('ls', 'a'),
        ...step('ls', 'a'),
        user,
        ...step('ls', 'a'),
        ...step('ls', 'a'),
      ]),
    ).toBe(false);
  });
});

describe('detectStuck', () => {
  it('names the pattern: repeated results, repeated errors', () => {
    const same = [
      user,
      ...step('ls', 'a'),
      ...step('ls', 'a'),
      ...step('ls', 'a'),
      ...step('ls', 'a'),
    ];
    expect(detectStuck(same)).toEqual({
      pattern: 'repeated_observation',
      detail: 'the agent ran the same terminal action with the same result 4 times in a row',
    });
    const failing = [
      user,
      ...step('x', 'e', true),
      ...step('x', 'e', true),
      ...step('x', 'e', true),
    ];
    expect(detectStuck(failing)?.pattern).toBe('repeated_error');
  });

  it('catches two actions alternating with the same results for six steps', () => {
    const loop = [user];
    for (let i = 0; i < 3; i += 1) loop.push(...step('cd a', 'ok'), ...step('cd ..', 'ok'));
    expect(detectStuck(loop)).toMatchObject({ pattern: 'alternating' });
    expect(detectStuck(loop.slice(0, -2))).toBeUndefined();
  });

  it('does not call progress an alternation', () => {
    const moving = [user];
    for (let i = 0; i < 3; i += 1) moving.push(...step('cat f', `v${i}`), ...step('edit f', 'ok'));
    expect(detectStuck(moving)).toBeUndefined();
  });
});
