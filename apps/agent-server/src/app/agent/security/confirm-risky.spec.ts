import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionEvent, ConfirmationPolicy } from '@agentrt/contracts';
import type { AgentServerConfig } from '../../config/agent-server.config';
import { RuntimeEnvironment } from '../../environment/runtime-environment';
import { ActivityTracker } from '../../health/activity-tracker';
import { AgentLoop } from '../agent-loop';
import { pendingActions } from '../pending-actions';
import { FakeConversation } from '../testing/fake-conversation';
import { type FakeAnswer, FakeLlm, textAnswer, toolAnswer } from '../testing/fake-llm';
import { EchoTool, FinishTool } from '../testing/fake-tools';
import { type SecurityRule, loadSecurityRules } from './security-rules';

let workspace: string;
beforeEach(async () => (workspace = await mkdtemp(join(tmpdir(), 'confirm-risky-'))));
afterEach(async () => rm(workspace, { recursive: true, force: true }));

function setup(
  answers: FakeAnswer[],
  policy: ConfirmationPolicy,
  rules: SecurityRule[] = loadSecurityRules(undefined),
) {
  const config = {
    WORKSPACE_DIR: workspace,
    CHILD_ENV: { PATH: '/usr/bin' },
    CONDENSER_MAX_SIZE: 120,
    CONDENSER_KEEP_FIRST: 4,
    AGENT_SECURITY_RULES: rules,
  } as unknown as AgentServerConfig;
  const echo = new EchoTool();
  const llm = new FakeLlm(...answers);
  const factory = { create: () => Promise.resolve(llm) };
  const environment = new RuntimeEnvironment(config);
  const activity = new ActivityTracker(() => 0);
  const loop = new AgentLoop([echo, new FinishTool()], factory, config, environment, activity);
  const agent = { llm: { model: 'test-model', api_key: 'k' }, tools: [{ name: 'EchoTool' }] };
  const conversation = new FakeConversation({ agent, confirmation_policy: policy });
  conversation.add({
    kind: 'MessageEvent',
    source: 'user',
    llm_message: { role: 'user', content: [{ type: 'text', text: 'go' }] },
  });
  return { loop, echo, conversation };
}

const echoOf = (text: string, extra: Record<string, unknown> = {}) =>
  toolAnswer([{ name: 'echo', args: { text, ...extra } }]);
const actions = (conversation: FakeConversation) =>
  conversation.events.filter((event): event is ActionEvent => event.kind === 'ActionEvent');
const riskyHigh = { kind: 'ConfirmRisky', threshold: 'HIGH', confirm_unknown: true } as const;

describe('ConfirmRisky in the agent loop', () => {
  it('runs a LOW action, then stops before a HIGH one until it is accepted', async () => {
    const { loop, echo, conversation } = setup(
      [echoOf('ls -la'), echoOf('rm -rf /'), textAnswer('done')],
      riskyHigh,
    );
    await expect(loop.run(conversation)).resolves.toBe('waiting_for_confirmation');
    expect(echo.calls.map((call) => call.args.text)).toEqual(['ls -la']);
    expect(actions(conversation).map((action) => action.security_risk)).toEqual(['LOW', 'HIGH']);
    expect(pendingActions(conversation.history()).map((a) => a.action?.['text'])).toEqual([
      'rm -rf /',
    ]);

    conversation.resume();
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(echo.calls.map((call) => call.args.text)).toEqual(['ls -la', 'rm -rf /']);
  });

  it('runs below the threshold and stops at it (MEDIUM)', async () => {
    const policy = { ...riskyHigh, threshold: 'MEDIUM' } as const;
    const { loop, echo, conversation } = setup([echoOf('git status'), echoOf('cat .env')], policy);
    await expect(loop.run(conversation)).resolves.toBe('waiting_for_confirmation');
    expect(echo.calls.map((call) => call.args.text)).toEqual(['git status']);
    expect(actions(conversation).map((action) => action.security_risk)).toEqual(['LOW', 'MEDIUM']);
  });

  it("takes the LLM's own security_risk, keeping it out of the tool's arguments", async () => {
    const { loop, echo, conversation } = setup(
      [echoOf('hello', { security_risk: 'high' }), textAnswer('done')],
      riskyHigh,
    );
    await expect(loop.run(conversation)).resolves.toBe('waiting_for_confirmation');
    const [action] = actions(conversation);
    expect(action?.security_risk).toBe('HIGH');
    expect(action?.action).toEqual({ kind: 'EchoAction', text: 'hello', loud: false });
    conversation.resume();
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(echo.calls.map((call) => call.args)).toEqual([{ text: 'hello', loud: false }]);
  });

  it('rates actions under every policy, and NeverConfirm runs even a HIGH one', async () => {
    const { loop, echo, conversation } = setup([echoOf('rm -rf ~'), textAnswer('done')], {
      kind: 'NeverConfirm',
    });
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(echo.calls).toHaveLength(1);
    expect(actions(conversation)[0]?.security_risk).toBe('HIGH');
  });

  it('asks about an unrated action unless confirm_unknown is off', async () => {
    const asks = setup([echoOf('ls')], riskyHigh, []);
    await expect(asks.loop.run(asks.conversation)).resolves.toBe('waiting_for_confirmation');
    expect(actions(asks.conversation)[0]?.security_risk).toBe('UNKNOWN');

    const policy = { ...riskyHigh, confirm_unknown: false };
    const runs = setup([echoOf('ls'), textAnswer('done')], policy, []);
    await expect(runs.loop.run(runs.conversation)).resolves.toBe('finished');
    expect(runs.echo.calls).toHaveLength(1);
  });
});
