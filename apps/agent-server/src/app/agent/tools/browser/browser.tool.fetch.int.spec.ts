import { randomUUID } from 'node:crypto';
import { freePort } from '@agentrt/testing';
import { AgentServerConfigSchema } from '../../../config/agent-server.config';
import type { ToolContext } from '../agent-tool';
import type { BrowserArgs } from './browser-args';
import { BrowserTool } from './browser.tool';
import { FetchBrowser } from './fetch-browser';
import { TestSite } from './testing/test-site';

describe('BrowserTool without Chromium (fetch and convert, pages on loopback)', () => {
  const config = AgentServerConfigSchema.parse({
    BROWSER_EXECUTABLE: 'none',
    BROWSER_OUTPUT_LIMIT: '2000',
    BROWSER_TIMEOUT_SECONDS: '10',
  });
  let site: TestSite;
  let tool: BrowserTool;
  let context: ToolContext;
  const browse = (args: BrowserArgs) => tool.execute(args, context);

  beforeEach(async () => {
    site = await TestSite.start();
    tool = new BrowserTool(config);
    context = {
      conversationId: randomUUID(),
      workingDir: '/tmp',
      env: {},
      signal: new AbortController().signal,
    };
  });
  afterEach(async () => {
    await tool.onApplicationShutdown();
    await site.close();
  });

  it('shows a page as markdown, without scripts or styles, saying it cannot be clicked', async () => {
    const opened = await browse({ action: 'navigate', url: site.url() });
    expect(opened).toMatchObject({
      isError: false,
      observation: { kind: 'BrowserObservation', url: site.url(), title: 'Greeter' },
    });
    expect(opened.text).toMatch(/^URL: http:\/\/127\.0\.0\.1:\d+\/\nTitle: Greeter\n\[No browser/);
    expect(opened.text).toContain('# Greeter');
    expect(opened.text).toContain('[About us](/about)');
    expect(opened.text).not.toMatch(/not page text|color: gray|\[ref=/);
  });

  it('refuses clicks and typing with a clear reason', async () => {
    await browse({ action: 'navigate', url: site.url() });
    for (const args of [
      { action: 'click', element: 'e3' },
      { action: 'type', element: 'e3', text: 'Ada' },
    ] as const) {
      const outcome = await browse(args);
      expect(outcome.isError).toBe(true);
      expect(outcome.text).toContain('No browser is available here');
    }
  });

  it('follows links by navigating, goes back, and reads the current page again', async () => {
    expect((await browse({ action: 'read' })).text).toContain('No page is open yet');
    await browse({ action: 'navigate', url: site.url() });
    const about = await browse({ action: 'navigate', url: site.url('/about') });
    expect(about.text).toContain('We greet people.');
    expect((await browse({ action: 'back' })).observation).toMatchObject({ title: 'Greeter' });
    expect((await browse({ action: 'read' })).observation).toMatchObject({ title: 'Greeter' });
    expect((await browse({ action: 'back' })).text).toBe('There is no earlier page.');
    await tool.release(context.conversationId);
    expect((await browse({ action: 'read' })).text).toContain('No page is open yet');
  });

  it('bounds long pages and shows plain text, HTTP errors and unreachable hosts', async () => {
    const long = await browse({ action: 'navigate', url: site.url('/long') });
    expect(long.text).toContain('Line 1\n');
    expect(long.text).toContain('Line 3000');
    expect(long.text).toMatch(/\[\.\.\. \d+ characters truncated \.\.\.\]/);
    expect(long.text.length).toBeLessThan(2000 + 300);
    expect((await browse({ action: 'navigate', url: site.url('/notes.txt') })).text).toContain(
      '\nplain notes\nsecond line',
    );
    const missing = await browse({ action: 'navigate', url: site.url('/missing') });
    expect(missing.text).toContain('[HTTP 404 Not Found]');
    const closed = await browse({
      action: 'navigate',
      url: `http://127.0.0.1:${await freePort()}/`,
    });
    expect(closed).toMatchObject({ isError: true, text: expect.stringContaining('ECONNREFUSED') });
  });

  it('reads no more of a response than its byte limit', async () => {
    const small = new FetchBrowser({ timeoutMs: 10_000, maxBytes: 1000 });
    const page = await small.run(
      context.conversationId,
      { action: 'navigate', url: site.url('/long') },
      context.signal,
    );
    expect(page.content).toContain('[Only the first 1000 bytes of the response were read.]');
    expect(page.content).toContain('Line 1\n');
    expect(page.content).not.toContain('Line 3000');
  });
});
