import { NodeHtmlMarkdown } from 'node-html-markdown';
import type { PageView } from './browser-backend';

export interface FetchOptions {
  timeoutMs: number;
  /** Bytes of a response body read at most; the rest is never downloaded. */
  maxBytes: number;
}

/** Fetches `url` (following redirects) and turns the response into readable text. */
export async function fetchPage(
  url: string,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<PageView> {
  const response = await fetch(url, {
    signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
    headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5' },
  });
  const type = response.headers.get('content-type') ?? '';
  const { body, cut } = await readBounded(response, options.maxBytes);
  const notes = [
    !response.ok && `[HTTP ${response.status} ${response.statusText}]`,
    cut && `[Only the first ${options.maxBytes} bytes of the response were read.]`,
  ].filter((note): note is string => typeof note === 'string');
  const page = toText(body, type);
  return {
    url: response.url || url,
    title: page.title,
    content: [...notes, page.text].filter((part) => part.length > 0).join('\n'),
  };
}

async function readBounded(response: Response, maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader && size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) return { body: decode(chunks, maxBytes), cut: false };
    chunks.push(value);
    size += value.byteLength;
  }
  await reader?.cancel();
  return { body: decode(chunks, maxBytes), cut: reader !== undefined };
}

function decode(chunks: Uint8Array[], maxBytes: number): string {
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function toText(body: string, contentType: string): { title: string; text: string } {
  if (/html|xml/i.test(contentType) || (!contentType && /^\s*</.test(body)))
    return { title: titleOf(body), text: NodeHtmlMarkdown.translate(body).trim() };
  if (/^text\/|json|javascript/i.test(contentType)) return { title: '', text: body };
  return { title: '', text: `[The response is ${contentType}, which cannot be shown as text.]` };
}

function titleOf(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
  return NodeHtmlMarkdown.translate(title).trim();
}
