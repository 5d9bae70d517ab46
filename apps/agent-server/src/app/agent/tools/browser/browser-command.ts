import type { BrowserArgs } from './browser-args';
import type { BrowserCommand } from './browser-backend';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Refs as aria snapshots print them: `e5`, or `f1e3` inside a frame. */
const REF = /^(?:f\d+)?e\d+$/;

/** The backend command the arguments ask for, or why they ask for none. */
export function commandOf(args: BrowserArgs): BrowserCommand | { error: string } {
  switch (args.action) {
    case 'navigate':
      return navigation(args.url);
    case 'read':
    case 'back':
      return { action: args.action };
    case 'click':
      return withElement(args.element, (element) => ({ action: 'click', element }));
    case 'type': {
      if (args.text === undefined || args.text === null)
        return { error: '`type` needs `text`: what to enter into the element.' };
      const { text } = args;
      const submit = args.submit === true;
      return withElement(args.element, (element) => ({ action: 'type', element, text, submit }));
    }
  }
}

function navigation(url: string | null | undefined): BrowserCommand | { error: string } {
  const given = url?.trim();
  if (!given) return { error: '`navigate` needs `url`: the address to open.' };
  // "example.com/docs" is what people type into an address bar; browsers add the scheme.
  const address = SCHEME.test(given) ? given : `https://${given}`;
  if (!/^https?:\/\//i.test(address))
    return { error: `Only http and https addresses can be opened, not ${given}.` };
  return { action: 'navigate', url: address };
}

function withElement(
  element: string | null | undefined,
  command: (ref: string) => BrowserCommand,
): BrowserCommand | { error: string } {
  const given = element?.trim().replace(/^\[?(?:ref=)?|\]$/g, '') ?? '';
  // Models sometimes drop the letter and pass the number alone.
  const ref = /^\d+$/.test(given) ? `e${given}` : given;
  if (!REF.test(ref))
    return { error: 'Give `element` as a ref from the latest page view, e.g. `e5`.' };
  return command(ref);
}
