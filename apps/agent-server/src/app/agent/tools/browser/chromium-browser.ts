import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  type BrowserBackend,
  type BrowserCommand,
  BrowserError,
  NO_PAGE_OPEN,
  type PageView,
} from './browser-backend';

export interface ChromiumOptions {
  /** An installed Chromium; playwright-core never downloads one. */
  executablePath: string;
  /** Chromium's whole environment, so the server's own keys never reach it. */
  env: Readonly<Record<string, string>>;
  /** Longest wait for a page load or an element action. */
  timeoutMs: number;
}

/** A conversation's browser context; `page` follows popups, the page the agent last opened. */
interface Session {
  context: BrowserContext;
  page: Page;
}

/**
 * Pages driven through one shared headless Chromium, one isolated browser context (cookies,
 * storage, history) per conversation. Chromium starts with the first conversation that browses
 * and exits when the last one is released, so an idle server keeps no browser running.
 */
export class ChromiumBrowser implements BrowserBackend {
  readonly engine = 'chromium';
  private launching: Promise<Browser> | undefined;
  /** Promises, set before anything is awaited, so a concurrent release sees pages being opened. */
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(private readonly options: ChromiumOptions) {}

  async run(conversationId: string, command: BrowserCommand, signal: AbortSignal) {
    const open = this.sessions.get(conversationId);
    if (!open && command.action !== 'navigate') throw new BrowserError(NO_PAGE_OPEN);
    const session = await (open ?? this.open(conversationId));
    await act(session.page, command, signal);
    return view(session.page, signal);
  }

  async release(conversationId: string): Promise<void> {
    const open = this.sessions.get(conversationId);
    if (!open) return;
    this.sessions.delete(conversationId);
    await open.then((session) => session.context.close()).catch(() => undefined);
    if (this.sessions.size === 0) await this.closeBrowser();
  }

  async dispose(): Promise<void> {
    this.sessions.clear();
    await this.closeBrowser();
  }

  private open(conversationId: string): Promise<Session> {
    const opening = this.newSession().catch((error: unknown) => {
      this.sessions.delete(conversationId);
      throw error;
    });
    this.sessions.set(conversationId, opening);
    return opening;
  }

  private async newSession(): Promise<Session> {
    const browser = await this.browser();
    const context = await browser.newContext({ acceptDownloads: false });
    context.setDefaultTimeout(this.options.timeoutMs);
    const session = { context, page: await context.newPage() };
    // A link with target=_blank opens a new page: the agent goes on reading that one.
    context.on('page', (page) => (session.page = page));
    return session;
  }

  private browser(): Promise<Browser> {
    this.launching ??= this.launch();
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const launching = loadChromium().then((chromium) =>
      chromium.launch({
        executablePath: this.options.executablePath,
        env: { ...this.options.env },
        timeout: this.options.timeoutMs,
        // Chromium refuses to start as root with its sandbox on (it needs an unprivileged user for
        // its namespaces), and runtimes often run the server as root; the runtime container is then
        // the isolation boundary. Anyone else keeps the sandbox.
        chromiumSandbox: process.getuid?.() !== 0,
        // /dev/shm is 64 MiB in containers, too small for Chromium; it then crashes pages.
        args: ['--disable-dev-shm-usage'],
      }),
    );
    try {
      const browser = await launching;
      browser.on('disconnected', () => this.forget(launching));
      return browser;
    } catch (error) {
      this.forget(launching);
      throw error;
    }
  }

  /** After a crash or a failed launch, the next page starts a new Chromium. */
  private forget(launching: Promise<Browser>): void {
    if (this.launching !== launching) return;
    this.launching = undefined;
    this.sessions.clear();
  }

  private async closeBrowser(): Promise<void> {
    const launching = this.launching;
    this.launching = undefined;
    const browser = await launching?.catch(() => undefined);
    await browser?.close();
  }
}

async function act(page: Page, command: BrowserCommand, signal: AbortSignal): Promise<void> {
  switch (command.action) {
    case 'navigate':
      await page.goto(command.url, { signal });
      return;
    case 'read':
      return;
    case 'click':
      await (await element(page, command.element)).click({ signal });
      return;
    case 'type': {
      const field = await element(page, command.element);
      await field.fill(command.text, { signal });
      if (command.submit) await field.press('Enter', { signal });
      return;
    }
    case 'back':
      if (!(await page.goBack({ signal }))) throw new BrowserError('There is no earlier page.');
      return;
  }
}

/** The element a ref names; checked first, as a locator would wait the whole timeout for it. */
async function element(page: Page, ref: string) {
  const locator = page.getByRef(ref);
  if ((await locator.count()) === 0)
    throw new BrowserError(`No element ${ref} on the page: read the page again for current refs.`);
  return locator;
}

async function view(page: Page, signal: AbortSignal): Promise<PageView> {
  // A click may have started a navigation: read the new document once it is parsed.
  await page.waitForLoadState('domcontentloaded');
  const content = await page.ariaSnapshot({ mode: 'ai', signal });
  return { url: page.url(), title: await page.title(), content };
}

/**
 * playwright-core loads with the first page, not at boot: it is large (boot time and memory of
 * every agent server) and absent from the standalone bundle, where browsing then says why.
 */
async function loadChromium(): Promise<typeof import('playwright-core').chromium> {
  try {
    return (await import('playwright-core')).chromium;
  } catch (error) {
    throw new BrowserError(
      `Chromium cannot be driven here: playwright-core is not installed (${String(error)})`,
    );
  }
}
