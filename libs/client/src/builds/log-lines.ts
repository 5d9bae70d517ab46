import { linesOf } from '../http/text-lines';

/**
 * A build log's lines: plain text lines, or Server-Sent Events where each line is a `data:`
 * field of the default event (the final `end` event and other framing are not log lines).
 */
export async function* logLinesOf(
  body: ReadableStream<Uint8Array>,
  sse: boolean,
): AsyncGenerator<string> {
  let event = 'message';
  for await (const raw of linesOf(body)) {
    const line = raw.replace(/\r$/, '');
    if (!sse) {
      yield line;
      continue;
    }
    if (line === '') event = 'message';
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:') && event === 'message') yield line.slice(5).replace(/^ /, '');
  }
}
