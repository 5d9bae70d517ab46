import {
  type BrowserBackend,
  type BrowserCommand,
  BrowserError,
  NO_PAGE_OPEN,
  type PageView,
} from './browser-backend';
import { type FetchOptions, fetchPage } from './fetch-page';

/** Pages a conversation's history keeps for `back`; the oldest are dropped first. */
const HISTORY_LIMIT = 50;

export const NO_BROWSER =
  'No browser is available here (Chromium is not installed), so pages cannot be clicked or ' +
  'typed into. Follow links by navigating to their URLs, or pass form values in the URL ' +
  '(e.g. `?q=...`) when the site accepts them.';

/** Browsing without a browser: each page is fetched over HTTP and converted to text. */
export class FetchBrowser implements BrowserBackend {
  readonly engine = 'fetch';
  private readonly histories = new Map<string, string[]>();

  constructor(private readonly options: FetchOptions) {}

  async run(conversationId: string, command: BrowserCommand, signal: AbortSignal) {
    const history = this.histories.get(conversationId) ?? [];
    switch (command.action) {
      case 'navigate': {
        const page = await fetchPage(command.url, this.options, signal);
        this.histories.set(conversationId, [...history, page.url].slice(-HISTORY_LIMIT));
        return page;
      }
      case 'read':
        return this.reload(history, signal);
      case 'back':
        if (history.length < 2) throw new BrowserError('There is no earlier page.');
        history.pop();
        return this.reload(history, signal);
      case 'click':
      case 'type':
        throw new BrowserError(NO_BROWSER);
    }
  }

  release(conversationId: string): Promise<void> {
    this.histories.delete(conversationId);
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    this.histories.clear();
    return Promise.resolve();
  }

  /** The current page, fetched again: it may have changed since. */
  private reload(history: readonly string[], signal: AbortSignal): Promise<PageView> {
    const url = history.at(-1);
    if (url === undefined) throw new BrowserError(NO_PAGE_OPEN);
    return fetchPage(url, this.options, signal);
  }
}
