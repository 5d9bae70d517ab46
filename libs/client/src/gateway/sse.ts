import { linesOf } from '../http/text-lines';

/** One Server-Sent Events message. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * The messages of a `text/event-stream` body (WHATWG HTML, 9.2): `event:`, `data:` (several
 * joined by newlines) and `id:` fields, dispatched at a blank line; comments are skipped. `id`
 * is the message's own (not carried over to later messages, unlike a browser's lastEventId).
 */
export async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  for await (const raw of linesOf(body)) {
    const line = raw.replace(/\r$/, '');
    if (line === '') {
      if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), id };
      event = '';
      data = [];
      id = undefined;
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
}
