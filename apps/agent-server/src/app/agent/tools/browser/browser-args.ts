import { z } from 'zod';

export const BROWSER_ACTIONS = ['navigate', 'read', 'click', 'type', 'back'] as const;

/**
 * The `browser` tool's arguments. One flat object rather than a union per action: several LLM
 * providers accept only a plain object as a function's parameters.
 */
export const BrowserArgsSchema = z.object({
  action: z
    .enum(BROWSER_ACTIONS)
    .describe(
      '`navigate` opens `url`; `read` shows the current page again; `click` clicks `element`; ' +
        '`type` enters `text` into `element`; `back` returns to the previous page.',
    ),
  url: z
    .string()
    .nullish()
    .describe('For `navigate`: the address to open, e.g. `https://example.com/docs`.'),
  element: z
    .string()
    .nullish()
    .describe("For `click` and `type`: the element's ref from the latest page view, e.g. `e5`."),
  text: z
    .string()
    .nullish()
    .describe('For `type`: the text to enter; it replaces what the field held.'),
  submit: z
    .boolean()
    .nullish()
    .describe('For `type`: press Enter after typing, e.g. to submit a search or a form.'),
});
export type BrowserArgs = z.infer<typeof BrowserArgsSchema>;

export const BROWSER_DESCRIPTION = `Browses web pages and shows them as text.
* Every action answers with the page as it is afterwards: its URL, its title and its content.
* In a real browser the content is an outline of the page where each element you can use carries a ref like [ref=e5]; pass that ref as \`element\` to \`click\` or \`type\`. Refs belong to the latest page view: after the page changes, use the refs of the new view.
* When no browser is installed the page is fetched and converted to text instead; then only \`navigate\`, \`read\` and \`back\` work, and links are followed by navigating to their URLs.
* Long pages are shortened, keeping their beginning and end.`;
