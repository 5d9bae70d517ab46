import type { ActionEvent, Event } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import type { ConversationHandle } from '../agent/agent-runner';
import { pendingActions, REPLACED_INPUT_KEY, withReplacedInput } from '../agent/pending-actions';
import { MASK } from './model/masking';
import {
  type ConversationFixture,
  conversationFixture,
  startRequest,
  userMessage,
} from './testing/conversation-fixture';
import { answerAndFinish, heldRun, ScriptedRunner } from './testing/scripted-runner';

const statusOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ApiException ? e.getStatus() : e),
  );

const kinds = (events: readonly Event[]) =>
  events.map((e) =>
    e.kind === 'ConversationStateUpdateEvent' ? `${e.key}=${String(e.value)}` : e.kind,
  );

/** A run that decides on a terminal action and waits for confirmation. */
async function askForConfirmation(handle: ConversationHandle) {
  await handle.emit({
    kind: 'ActionEvent',
    source: 'agent',
    tool_name: 'terminal',
    tool_call_id: 'call-1',
    thought: [],
    action: { kind: 'TerminalAction', command: 'rm -rf build' },
    security_risk: 'MEDIUM',
  });
  await handle.setStatus('waiting_for_confirmation');
  return 'waiting_for_confirmation' as const;
}

describe('ConversationCommandsService', () => {
  let runner: ScriptedRunner;
  let fx: ConversationFixture;
  let id: string;

  const conversation = () => fx.registry.require(id);
  const settled = async () => (await conversation()).activeRun;
  const history = async () => (await (await conversation()).events()).events;

  beforeEach(async () => {
    runner = new ScriptedRunner();
    fx = conversationFixture({ runner });
    await fx.start();
    id = (await fx.conversations.create(startRequest())).info.id;
  });

  afterEach(async () => {
    await fx.stop();
    expect(runner.unexpected).toEqual([]);
    expect(runner.pending).toBe(0);
  });

  describe('run', () => {
    it('sets running before the runner starts and keeps the status the runner set last', async () => {
      let statusSeen = '';
      runner.then(async (handle) => {
        statusSeen = handle.info().execution_status;
        return answerAndFinish()(handle);
      });
      await fx.commands.sendMessage(id, userMessage('go'));
      await fx.commands.run(id);
      await settled();
      expect(statusSeen).toBe('running');
      expect(kinds(await history())).toEqual([
        'MessageEvent',
        'execution_status=running',
        'MessageEvent',
        'execution_status=finished',
      ]);
    });

    it('answers 409 while a run is going', async () => {
      const held = heldRun();
      runner.then(held.script);
      await fx.commands.sendMessage(id, userMessage('go'));
      await fx.commands.run(id);
      expect(await statusOf(fx.commands.run(id))).toBe(409);
      held.release();
      await settled();
    });

    it('gives the runner the unmasked LLM key and the secrets, with a live abort signal', async () => {
      runner.then(async (handle) => {
        expect(handle.info().agent.llm.api_key).toBe('sk-live-123456');
        expect(handle.secrets()).toEqual({ GITHUB_TOKEN: 'ghp_abcdef' });
        expect(handle.signal.aborted).toBe(false);
        return answerAndFinish()(handle);
      });
      await fx.commands.updateSecrets(id, { GITHUB_TOKEN: { value: 'ghp_abcdef' } });
      await fx.commands.sendMessage(id, userMessage('go'));
      await fx.commands.run(id);
      await settled();
    });

    it('sets the status the runner returned if it forgot to, and error if it threw', async () => {
      runner.then(
        () => Promise.resolve('paused'),
        () => Promise.reject(new Error('provider exploded')),
      );
      await fx.commands.sendMessage(id, userMessage('go'));
      await fx.commands.run(id);
      await settled();
      expect((await conversation()).status).toBe('paused');
      await fx.commands.run(id);
      await settled();
      expect((await conversation()).status).toBe('error');
      expect((await history()).at(-2)).toMatchObject({
        kind: 'ConversationErrorEvent',
        code: 'AgentRunFailed',
        detail: 'provider exploded',
      });
    });

    it('leaves a finished conversation alone until there is a new message', async () => {
      runner.then(answerAndFinish(), answerAndFinish());
      await fx.commands.sendMessage(id, userMessage('first', true));
      await settled();
      await fx.commands.run(id);
      expect((await conversation()).activeRun).toBeUndefined();
      await fx.commands.sendMessage(id, userMessage('second'));
      await fx.commands.run(id);
      await settled();
      expect(runner.handles).toHaveLength(2);
    });

    it('keeps the usage stats the runner reports as a state update', async () => {
      const stats = { usage_to_metrics: { agent: { accumulated_cost: 0.25 } } };
      runner.then(async (handle) => {
        await handle.emit({
          kind: 'ConversationStateUpdateEvent',
          source: 'environment',
          key: 'stats',
          value: stats,
        });
        return answerAndFinish()(handle);
      });
      await fx.commands.sendMessage(id, userMessage('go', true));
      await settled();
      expect((await fx.conversations.get(id)).stats).toEqual(stats);
    });

    it('answers 503 without a runner', async () => {
      const bare = conversationFixture();
      await bare.start();
      const { info } = await bare.conversations.create(startRequest());
      expect(await statusOf(bare.commands.run(info.id))).toBe(503);
      await bare.stop();
    });
  });

  describe('messages', () => {
    it('does not 409 a message sent with run while running; the running loop reads it', async () => {
      const held = heldRun();
      runner.then(held.script);
      await fx.commands.sendMessage(id, userMessage('first', true));
      await fx.commands.sendMessage(id, userMessage('second', true));
      expect(
        kinds(runner.handles[0]?.history() ?? []).filter((k) => k === 'MessageEvent'),
      ).toHaveLength(2);
      runner.then(answerAndFinish('answering second'));
      held.release();
      await settled();
      // The held run ended without answering "second", so a follow-up run answered it.
      await settled();
      expect(runner.handles).toHaveLength(2);
      expect((await conversation()).status).toBe('finished');
    });

    it('does not start a run from a message while waiting for confirmation', async () => {
      runner.then(askForConfirmation);
      await fx.commands.sendMessage(id, userMessage('clean up', true));
      await settled();
      await fx.commands.sendMessage(id, userMessage('wait, no', true));
      expect((await conversation()).status).toBe('waiting_for_confirmation');
      expect((await conversation()).activeRun).toBeUndefined();
    });

    it('redacts secret values and the LLM key from every event', async () => {
      await fx.commands.updateSecrets(id, { DB_PASSWORD: 'hunter2-very-secret' });
      await fx.commands.sendMessage(
        id,
        userMessage('use hunter2-very-secret and sk-live-123456 please'),
      );
      const [message] = fx.store.events(id);
      expect(JSON.stringify(message)).not.toMatch(/hunter2|sk-live/);
      expect(JSON.stringify(message)).toContain(`use ${MASK} and ${MASK} please`);
      expect(JSON.stringify(await fx.conversations.get(id))).not.toContain('hunter2');
    });
  });

  describe('pause', () => {
    it('asks a running loop to stop between steps', async () => {
      const held = heldRun('paused');
      runner.then(held.script);
      await fx.commands.sendMessage(id, userMessage('go', true));
      await fx.commands.pause(id);
      expect(runner.handles[0]?.pauseRequested).toBe(true);
      held.release();
      await settled();
      expect((await conversation()).status).toBe('paused');
    });

    it('pauses a conversation waiting for confirmation at once', async () => {
      runner.then(askForConfirmation);
      await fx.commands.sendMessage(id, userMessage('go', true));
      await settled();
      await fx.commands.pause(id);
      expect(kinds(await history()).slice(-2)).toEqual(['PauseEvent', 'execution_status=paused']);
    });

    it('does nothing to an idle conversation', async () => {
      await fx.commands.pause(id);
      expect(await history()).toEqual([]);
    });
  });

  describe('respond to confirmation', () => {
    beforeEach(async () => {
      runner.then(askForConfirmation);
      await fx.commands.sendMessage(id, userMessage('clean', true));
      await settled();
    });

    it('accepting runs the agent again, with the action still pending', async () => {
      runner.then(async (handle) => {
        expect(pendingActions(handle.history())).toEqual([
          expect.objectContaining({ tool_call_id: 'call-1' }),
        ]);
        return answerAndFinish()(handle);
      });
      await fx.commands.respondToConfirmation(id, { accept: true, reason: 'ok' });
      await settled();
      expect((await conversation()).status).toBe('finished');
    });

    it('rejecting records a UserRejectObservation per pending action, then the agent goes on', async () => {
      runner.then(answerAndFinish('ok, not deleting'));
      await fx.commands.respondToConfirmation(id, { accept: false, reason: 'keep build' });
      await settled();
      const events = await history();
      const action = events.find((e): e is ActionEvent => e.kind === 'ActionEvent');
      expect(events.find((e) => e.kind === 'UserRejectObservation')).toMatchObject({
        source: 'user',
        tool_name: 'terminal',
        tool_call_id: 'call-1',
        action_id: action?.id,
        rejection_reason: 'keep build',
      });
    });

    it('accepting with action_input records it for the pending action, which runs with it', async () => {
      runner.then(async (handle) => {
        const [action] = pendingActions(handle.history());
        expect(action && withReplacedInput(action, handle.history()).action).toEqual({
          kind: 'TerminalAction',
          command: 'ls build',
        });
        return answerAndFinish()(handle);
      });
      const input = { command: 'ls build' };
      await fx.commands.respondToConfirmation(id, {
        accept: true,
        reason: '',
        action_input: input,
      });
      await settled();
      const action = (await history()).find((e): e is ActionEvent => e.kind === 'ActionEvent');
      const recorded = (await history()).filter(
        (e) => e.kind === 'ConversationStateUpdateEvent' && e.key === REPLACED_INPUT_KEY,
      );
      expect(recorded).toEqual([
        expect.objectContaining({ source: 'user', value: { action_id: action?.id, input } }),
      ]);
    });

    it('refuses action_input (400) that does not fit, or comes with a rejection, running nothing', async () => {
      const respond = (accept: boolean, input: Record<string, unknown>) =>
        statusOf(
          fx.commands.respondToConfirmation(id, { accept, reason: '', action_input: input }),
        );
      expect(await respond(true, { invalid: true })).toBe(400);
      expect(await respond(false, { command: 'ls' })).toBe(400);
      expect((await conversation()).status).toBe('waiting_for_confirmation');
      expect(kinds(await history()).filter((k) => k.startsWith(REPLACED_INPUT_KEY))).toEqual([]);
    });

    it('answers 409 when nothing waits for confirmation', async () => {
      runner.then(answerAndFinish());
      await fx.commands.respondToConfirmation(id, { accept: true, reason: '' });
      await settled();
      expect(
        await statusOf(fx.commands.respondToConfirmation(id, { accept: true, reason: '' })),
      ).toBe(409);
    });
  });

  describe('settings', () => {
    it('sets the confirmation policy, saved and announced', async () => {
      await fx.commands.setConfirmationPolicy(id, { kind: 'AlwaysConfirm' });
      expect((await fx.conversations.get(id)).confirmation_policy).toEqual({
        kind: 'AlwaysConfirm',
      });
      expect(fx.store.stored(id)?.info.confirmation_policy).toEqual({ kind: 'AlwaysConfirm' });
      expect(kinds(await history())).toEqual(['confirmation_policy=[object Object]']);
    });

    it('merges secrets by name and never shows their values', async () => {
      await fx.commands.updateSecrets(id, { A: 'aaaa-1', B: 'bbbb-1' });
      await fx.commands.updateSecrets(id, { B: 'bbbb-2' });
      expect(fx.store.stored(id)?.secrets).toEqual({ A: 'aaaa-1', B: 'bbbb-2' });
      expect(JSON.stringify(await fx.conversations.get(id))).not.toMatch(/aaaa|bbbb/);
    });
  });
});
