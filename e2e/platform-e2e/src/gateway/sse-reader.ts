/** One Server-Sent Events message as received. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads an SSE response until `last` says a message was the last one (or the stream ends);
 * bounded by `timeoutMs`, after which it throws with what it got.
 */
export async function readSse(
  response: Response,
  last: (message: SseMessage) => boolean,
  timeoutMs = 60_000,
): Promise<SseMessage[]> {
  if (!response.ok || !response.body) {
    throw new Error(`SSE request answered ${response.status}: ${await response.text()}`);
  }
  const messages: SseMessage[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const timer = setTimeout(() => void reader.cancel('timeout'), timeoutMs);
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const message = parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (!message) continue;
        messages.push(message);
        if (last(message)) return messages;
      }
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
  throw new Error(`SSE stream ended without its last message: ${JSON.stringify(messages)}`);
}

function parse(block: string): SseMessage | undefined {
  const message: SseMessage = { event: 'message', data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') message.event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') message.id = value;
  }
  message.data = data.join('\n');
  return data.length > 0 ? message : undefined;
}
