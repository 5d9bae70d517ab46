/** What a browser backend is asked to do; `element` is a ref from the latest page view. */
export type BrowserCommand =
  | { action: 'navigate'; url: string }
  | { action: 'read' }
  | { action: 'click'; element: string }
  | { action: 'type'; element: string; text: string; submit: boolean }
  | { action: 'back' };

/** A page as the agent reads it. */
export interface PageView {
  url: string;
  title: string;
  /** The page as text: an outline with element refs (Chromium) or converted markdown (fetch). */
  content: string;
}

/** How pages are loaded: a real Chromium, or plain HTTP fetches converted to text. */
export type BrowserEngine = 'chromium' | 'fetch';

/** One way of browsing, with a page (and history) per conversation. */
export interface BrowserBackend {
  readonly engine: BrowserEngine;
  run(conversationId: string, command: BrowserCommand, signal: AbortSignal): Promise<PageView>;
  /** Closes the conversation's page; nothing of it is kept. */
  release(conversationId: string): Promise<void>;
  /** Closes everything (server shutdown). */
  dispose(): Promise<void>;
}

/** A failure the agent caused and can act on (no page open, unknown element, no browser). */
export class BrowserError extends Error {}

export const NO_PAGE_OPEN = 'No page is open yet: `navigate` to a URL first.';
