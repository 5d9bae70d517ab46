import type { ToolOutcome } from '../agent-tool';
import { truncateMiddle } from '../truncate-middle';
import type { BrowserArgs } from './browser-args';
import type { BrowserEngine, PageView } from './browser-backend';

const ENGINE_NOTES: Record<BrowserEngine, string> = {
  chromium: '[Use the [ref=...] of an element as `element` to click or type into it.]',
  fetch:
    '[No browser: the page was fetched and converted to text; it cannot be clicked or typed into.]',
};

/** The page after an action, as the agent reads it: address and title first, content bounded. */
export function browserOutcome(
  args: BrowserArgs,
  page: PageView,
  engine: BrowserEngine,
  limit: number,
): ToolOutcome {
  const header = [`URL: ${page.url}`, page.title && `Title: ${page.title}`, ENGINE_NOTES[engine]];
  const content = truncateMiddle(page.content, limit) || '[The page is empty.]';
  return {
    observation: observation(args, page.url, page.title),
    text: [...header.filter((line) => line.length > 0), '', content].join('\n'),
    isError: false,
  };
}

/** An action that failed (bad arguments, no such element, a page that did not load). */
export function browserFailure(args: BrowserArgs, reason: string): ToolOutcome {
  return { observation: observation(args, null, null), text: reason, isError: true };
}

function observation(args: BrowserArgs, url: string | null, title: string | null) {
  return { kind: 'BrowserObservation', action: args.action, url, title, screenshot_data: null };
}
