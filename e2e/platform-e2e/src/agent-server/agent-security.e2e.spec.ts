import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Event } from '@agentrt/contracts';
import { lastToolResult } from '@agentrt/testing';
import { AgentRunFixture, userMessage } from './agent-run.helpers';

const REQUESTED_TOOLS = ['TerminalTool', 'FileEditorTool'];
const LLM_TOOLS = ['terminal', 'file_editor', 'finish'];

const actionsOf = (events: readonly Event[]) =>
  events.flatMap((event) => (event.kind === 'ActionEvent' ? [event] : []));
const terminal = (command: string, extra: Record<string, unknown> = {}) => ({
  toolCalls: [{ name: 'terminal', arguments: { command, ...extra } }],
});

describe('agent-server: security analyzer and the ConfirmRisky policy', () => {
  let fixture: AgentRunFixture;
  afterEach(async () => fixture?.stop());

  const respond = (id: string, accept: boolean, reason = '') =>
    fixture.call('POST', `/api/conversations/${id}/events/respond_to_confirmation`, {
      accept,
      reason,
    });
  const projectFile = (name: string) => join(fixture.workspace, 'project', name);

  it('runs a LOW command at once and holds a HIGH one until the user rejects it', async () => {
    fixture = await AgentRunFixture.start({ stream: false, tools: LLM_TOOLS });
    // Harmless even if it ran: there is no git repository to push from.
    const high = 'git push --force origin main; echo pushed > high.txt';
    fixture.llm.enqueue(terminal('echo low > low.txt'), terminal(high));
    const conversation = await fixture.createConversation({
      tools: REQUESTED_TOOLS,
      // As the SDK sends it: threshold and confirm_unknown take their defaults.
      confirmation_policy: { kind: 'ConfirmRisky' },
      initial_message: userMessage('Write two files'),
    });
    expect(conversation.confirmation_policy).toEqual({
      kind: 'ConfirmRisky',
      threshold: 'HIGH',
      confirm_unknown: true,
    });
    const waiting = await fixture.waitForStatus(conversation.id, 'waiting_for_confirmation');
    expect(actionsOf(waiting).map((action) => action.security_risk)).toEqual(['LOW', 'HIGH']);
    expect((await readFile(projectFile('low.txt'), 'utf8')).trim()).toBe('low');
    expect(existsSync(projectFile('high.txt'))).toBe(false);

    fixture.llm.enqueue({
      reply: { text: 'I will not push.' },
      check: (request) =>
        lastToolResult(request).includes('no force pushes') ? [] : ['rejection not shown'],
    });
    expect((await respond(conversation.id, false, 'no force pushes')).status).toBe(200);
    const events = await fixture.waitForStatus(conversation.id, 'finished');
    expect(existsSync(projectFile('high.txt'))).toBe(false);
    expect(events.filter((event) => event.kind === 'UserRejectObservation')).toMatchObject([
      { rejection_reason: 'no force pushes' },
    ]);
    expect(fixture.llm.violations).toEqual([]);
  });

  it("runs below the threshold, and takes the model's own rating into account", async () => {
    fixture = await AgentRunFixture.start({ stream: true, tools: LLM_TOOLS });
    fixture.llm.enqueue(
      // MEDIUM by the rules (reading an .env file), below the HIGH threshold.
      terminal('touch .env; cat .env; echo medium > medium.txt'),
      // Nothing a rule sees, but the model rates it HIGH itself, as the SDK lets it.
      terminal('echo model > model.txt', { security_risk: 'HIGH' }),
    );
    const conversation = await fixture.createConversation({
      // Streamed, so the model's rating arrives in pieces like the rest of the arguments.
      stream: true,
      tools: REQUESTED_TOOLS,
      confirmation_policy: { kind: 'ConfirmRisky', threshold: 'HIGH', confirm_unknown: false },
      initial_message: userMessage('Write two files'),
    });
    const waiting = await fixture.waitForStatus(conversation.id, 'waiting_for_confirmation');
    expect(actionsOf(waiting).map((action) => action.security_risk)).toEqual(['MEDIUM', 'HIGH']);
    // The rating is the event's, not one of the tool's arguments.
    expect(actionsOf(waiting)[1]?.action).toEqual({
      kind: 'TerminalAction',
      command: 'echo model > model.txt',
    });
    expect(existsSync(projectFile('medium.txt'))).toBe(true);
    expect(existsSync(projectFile('model.txt'))).toBe(false);

    fixture.llm.enqueue({ text: 'Both written.' });
    expect((await respond(conversation.id, true)).status).toBe(200);
    await fixture.waitForStatus(conversation.id, 'finished');
    expect((await readFile(projectFile('model.txt'), 'utf8')).trim()).toBe('model');
    expect(fixture.llm.violations).toEqual([]);
  });
});
