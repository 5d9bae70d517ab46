import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@agentrt/testing';
import {
  type AgentServerConfig,
  AgentServerConfigSchema,
} from '../../../config/agent-server.config';
import type { ToolContext } from '../agent-tool';
import type { BrowserArgs } from './browser-args';
import { BrowserTool } from './browser.tool';
import { processesWithEnv } from './testing/processes';
import { TestSite } from './testing/test-site';

/** Debian's Chromium, which scripts/dev-env.sh installs; the tests need it, not a download. */
const CHROMIUM = '/usr/bin/chromium';

describe('BrowserTool with Chromium (real Chromium, pages on loopback)', () => {
  // Every process Chromium starts inherits this, so the test can find each one afterwards.
  const marker = `AGENTRT_BROWSER_TEST=${randomUUID()}`;
  let home: string;
  let config: AgentServerConfig;
  let site: TestSite;
  let tool: BrowserTool;
  const conversation = (conversationId = randomUUID()): ToolContext => ({
    conversationId,
    workingDir: '/tmp',
    env: {},
    signal: new AbortController().signal,
  });
  let context: ToolContext;
  const browse = (args: BrowserArgs, on = context) => tool.execute(args, on);
  const chromiumGone = () =>
    waitFor(async () => (await processesWithEnv(marker)).length === 0, {
      description: 'every Chromium process to exit',
    });

  beforeAll(async () => {
    // Chromium keeps its crash database under $HOME: a home of the test's own, removed after.
    home = await mkdtemp(join(tmpdir(), 'browser-home-'));
    config = AgentServerConfigSchema.parse({
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: home,
      [marker.split('=')[0] ?? '']: marker.split('=')[1],
      BROWSER_EXECUTABLE: CHROMIUM,
      BROWSER_OUTPUT_LIMIT: '2000',
      BROWSER_TIMEOUT_SECONDS: '10',
    });
  });
  afterAll(() => rm(home, { recursive: true, force: true }));
  beforeEach(async () => {
    site = await TestSite.start();
    tool = new BrowserTool(config);
    context = conversation();
  });
  afterEach(async () => {
    await tool.onApplicationShutdown();
    await site.close();
    await chromiumGone();
  });

  it('shows a page with element refs, types into it and clicks, showing the change', async () => {
    const opened = await browse({ action: 'navigate', url: site.url() });
    expect(opened).toMatchObject({
      isError: false,
      observation: { kind: 'BrowserObservation', url: site.url(), title: 'Greeter' },
    });
    expect(opened.text).toMatch(/^URL: http:\/\/127\.0\.0\.1:\d+\/\nTitle: Greeter\n/);
    expect(opened.text).toContain('heading "Greeter" [level=1]');
    expect(opened.text).not.toContain('not page text');
    const name = refOf(opened.text, 'textbox "Name"');
    const show = refOf(opened.text, 'button "Show"');

    const typed = await browse({ action: 'type', element: name, text: 'Ada' });
    expect(typed.isError).toBe(false);
    const clicked = await browse({ action: 'click', element: show });
    expect(clicked.text).toContain('Revealed: Ada');
    expect((await browse({ action: 'read' })).text).toContain('Revealed: Ada');
  });

  it('submits a form with Enter, then goes back', async () => {
    const opened = await browse({ action: 'navigate', url: site.url() });
    const name = refOf(opened.text, 'textbox "Name"');
    const sent = await browse({ action: 'type', element: name, text: 'Grace', submit: true });
    expect(sent.observation).toMatchObject({ url: site.url('/greet'), title: 'Greeting' });
    expect(sent.text).toContain('heading "Hello, Grace"');
    const back = await browse({ action: 'back' });
    expect(back.observation).toMatchObject({ url: site.url(), title: 'Greeter' });
    expect((await browse({ action: 'back' })).text).toBe('There is no earlier page.');
  });

  it('keeps long pages within the limit, head and tail', async () => {
    const { text } = await browse({ action: 'navigate', url: site.url('/long') });
    expect(text).toContain('Line 1\n');
    expect(text).toContain('Line 3000');
    expect(text).toMatch(/\[\.\.\. \d+ characters truncated \.\.\.\]/);
    expect(text.length).toBeLessThan(2000 + 300);
  });

  it('answers mistakes and unreachable pages with errors the agent can act on', async () => {
    const errorOf = async (args: BrowserArgs) => {
      const outcome = await browse(args);
      expect(outcome.isError).toBe(true);
      return outcome.text;
    };
    expect(await errorOf({ action: 'read' })).toContain('No page is open yet');
    expect(await errorOf({ action: 'navigate', url: 'file:///etc/passwd' })).toContain(
      'Only http and https',
    );
    const closed = `http://127.0.0.1:${await freePort()}/`;
    expect(await errorOf({ action: 'navigate', url: closed })).toContain('ERR_CONNECTION_REFUSED');
    await browse({ action: 'navigate', url: site.url() });
    expect(await errorOf({ action: 'click', element: 'e999' })).toContain('No element e999');
    expect(await errorOf({ action: 'click', element: 'the button' })).toContain('e.g. `e5`');
    expect(await errorOf({ action: 'type', element: 'e1' })).toContain('needs `text`');
  });

  it('keeps conversations apart; Chromium exits with the last one and starts again', async () => {
    const other = conversation();
    await browse({ action: 'navigate', url: site.url() });
    await browse({ action: 'navigate', url: site.url('/about') }, other);
    expect(await processesWithEnv(marker)).not.toEqual([]);
    expect((await browse({ action: 'read' })).observation).toMatchObject({ title: 'Greeter' });
    expect((await browse({ action: 'read' }, other)).observation).toMatchObject({ title: 'About' });

    await tool.release(context.conversationId);
    expect((await browse({ action: 'read' })).text).toContain('No page is open yet');
    expect((await browse({ action: 'read' }, other)).observation).toMatchObject({ title: 'About' });
    await tool.release(other.conversationId);
    await chromiumGone();

    expect((await browse({ action: 'navigate', url: site.url() })).isError).toBe(false);
    expect(await processesWithEnv(marker)).not.toEqual([]);
  });
});

/** The ref the page outline gives the element described as `element`, e.g. `button "Show"`. */
function refOf(outline: string, element: string): string {
  const escaped = element.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ref = new RegExp(`${escaped}.*\\[ref=(e\\d+)\\]`).exec(outline)?.[1];
  if (!ref) throw new Error(`no ${element} in:\n${outline}`);
  return ref;
}
