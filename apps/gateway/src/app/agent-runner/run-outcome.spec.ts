import type { Event } from '@agentrt/contracts';
import { outcomeOf } from './run-outcome';

let n = 0;
const base = () => ({
  id: `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
  timestamp: '2026-01-01T00:00:00Z',
});
const agentSays = (text: string): Event => ({
  ...base(),
  kind: 'MessageEvent',
  source: 'agent',
  llm_message: { role: 'assistant', content: [{ type: 'text', text }] },
});
const userSays = (text: string): Event => ({
  ...base(),
  kind: 'MessageEvent',
  source: 'user',
  llm_message: { role: 'user', content: [{ type: 'text', text }] },
});
const finish = (message: string): Event => ({
  ...base(),
  kind: 'ActionEvent',
  source: 'agent',
  thought: [],
  action: { kind: 'FinishAction', message },
  tool_name: 'finish',
  tool_call_id: 'call_f',
  security_risk: 'UNKNOWN',
});

describe('outcomeOf', () => {
  it("answers with the finish tool's message when the agent called it", () => {
    expect(
      outcomeOf('finished', [userSays('go'), agentSays('thinking'), finish('All done: 3 files')]),
    ).toEqual({
      status: 'succeeded',
      output: 'All done: 3 files',
    });
  });

  it("answers with the agent's last message otherwise, never the user's", () => {
    expect(
      outcomeOf('finished', [agentSays('first'), agentSays('the answer'), userSays('thanks')]),
    ).toEqual({
      status: 'succeeded',
      output: 'the answer',
    });
    expect(outcomeOf('finished', [userSays('go')])).toEqual({ status: 'succeeded' });
  });

  it('fails with the conversation error, or says the agent got stuck', () => {
    const error = {
      ...base(),
      kind: 'ConversationErrorEvent',
      source: 'environment',
      code: 'LLMError',
      detail: 'provider refused',
    } as Event;
    expect(outcomeOf('error', [userSays('go'), error])).toEqual({
      status: 'failed',
      error: 'LLMError: provider refused',
    });
    expect(outcomeOf('stuck', [userSays('go')])).toEqual({
      status: 'failed',
      error: 'the agent got stuck repeating itself',
    });
    expect(outcomeOf('paused', [])).toEqual({
      status: 'failed',
      error: 'conversation ended in paused',
    });
  });
});
