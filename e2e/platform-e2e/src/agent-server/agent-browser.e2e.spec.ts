import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Event } from '@agentrt/contracts';
import { lastToolResult, type RecordedRequest, waitFor } from '@agentrt/testing';
import { AgentRunFixture, userMessage } from './agent-run.helpers';

/**
 * A page whose button changes it. Its outline in Chromium gives the name box ref e5 and the Show
 * button ref e7 (the scripted model uses them; the checks below fail clearly if that changes).
 */
const PAGE = `<!doctype html><html><head><title>Greeter</title></head><body>
<h1>Greeter</h1><p>Type a name.</p>
<form action="/greet" method="post"><label for="name">Name</label><input id="name" name="name">
<button type="submit">Send</button></form>
<button onclick="document.getElementById('out').textContent = 'Revealed: ' + document.getElementById('name').value">Show</button>
<p id="out"></p></body></html>`;

const expectInResult = (needle: string) => (request: RecordedRequest) =>
  lastToolResult(request).includes(needle)
    ? []
    : [`expected ${needle} in the last tool result: ${lastToolResult(request)}`];

describe('agent-server: the browser tool in a full run (Debian Chromium, page on loopback)', () => {
  // Chromium and each process it starts inherit this: how the test finds any left behind.
  const marker = `AGENTRT_BROWSER_E2E=${randomUUID()}`;
  let fixture: AgentRunFixture | undefined;
  let site: Server;
  let url: string;
  beforeEach(async () => {
    site = createServer((_, response) => response.writeHead(200).end(PAGE));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    await fixture?.stop();
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
    await waitFor(async () => (await processesWithEnv(marker)).length === 0, {
      description: 'every Chromium process to exit with the server',
    });
  });

  it('navigates, types, clicks and reads the changed page, then finishes', async () => {
    const [name, value] = marker.split('=') as [string, string];
    fixture = await AgentRunFixture.start({
      stream: false,
      tools: ['browser', 'finish'],
      env: { [name]: value },
    });
    fixture.llm.enqueue(
      { toolCalls: [{ name: 'browser', arguments: { action: 'navigate', url } }] },
      {
        reply: {
          toolCalls: [
            { name: 'browser', arguments: { action: 'type', element: 'e5', text: 'Ada' } },
          ],
        },
        check: expectInResult('textbox \\"Name\\" [ref=e5]'),
      },
      {
        reply: { toolCalls: [{ name: 'browser', arguments: { action: 'click', element: 'e7' } }] },
        check: expectInResult('button \\"Show\\" [ref=e7]'),
      },
      { toolCalls: [{ name: 'browser', arguments: { action: 'read' } }] },
      {
        reply: { toolCalls: [{ name: 'finish', arguments: { message: 'It says Revealed: Ada' } }] },
        check: expectInResult('Revealed: Ada'),
      },
    );
    const conversation = await fixture.createConversation({
      tools: ['BrowserToolSet'],
      initial_message: userMessage('Enter Ada on the page and show it'),
    });
    await fixture.waitForStatus(conversation.id, 'finished', 60_000);

    expect(fixture.llm.violations).toEqual([]);
    expect(fixture.llm.remaining).toBe(0);
    const events = await fixture.events(conversation.id);
    const actions = events.filter((event) => event.kind === 'ActionEvent');
    expect(actions.map((action) => action.action)).toEqual([
      { kind: 'BrowserAction', action: 'navigate', url },
      { kind: 'BrowserAction', action: 'type', element: 'e5', text: 'Ada' },
      { kind: 'BrowserAction', action: 'click', element: 'e7' },
      { kind: 'BrowserAction', action: 'read' },
      expect.objectContaining({ kind: 'FinishAction' }),
    ]);
    const observations = observationsOf(events);
    expect(observations.slice(0, 4)).toEqual(
      Array(4).fill(
        expect.objectContaining({
          kind: 'BrowserObservation',
          url,
          title: 'Greeter',
          is_error: false,
        }),
      ),
    );
    expect(JSON.stringify(observations[2])).toContain('Revealed: Ada');
    expect(await processesWithEnv(marker)).not.toEqual([]);
  });
});

function observationsOf(events: readonly Event[]): unknown[] {
  return events.flatMap((event) => (event.kind === 'ObservationEvent' ? [event.observation] : []));
}

/** Live processes (not zombies) whose environment holds `entry`, found through /proc. */
async function processesWithEnv(entry: string): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const found = await Promise.all(
    pids.map(async (pid) => {
      try {
        const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        const zombie = stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
        return environ.split('\0').includes(entry) && !zombie ? [pid] : [];
      } catch {
        return []; // gone meanwhile, or not ours to read
      }
    }),
  );
  return found.flat();
}
