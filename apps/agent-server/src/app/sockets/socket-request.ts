import type { IncomingMessage } from 'node:http';
import { type EventSocketQuery, EventSocketQuerySchema, summarizeIssues } from '@agentrt/contracts';

/** What an event socket's URL asks for, or why it cannot be served. */
export type SocketRequest =
  { ok: true; subject: string; query: EventSocketQuery } | { ok: false; reason: string };

/**
 * Reads `<prefix>/<subject>?resend_mode=...` (subject: the conversation id, empty for bash
 * events). The reason of a bad query fits a close frame (at most 123 bytes).
 */
export function readSocketRequest(request: IncomingMessage, prefix: string): SocketRequest {
  const url = new URL(request.url ?? '/', 'ws://agent-server');
  const subject = decodeURIComponent(url.pathname.slice(prefix.length).replace(/^\/|\/$/g, ''));
  const query = EventSocketQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    return { ok: false, reason: `Bad query: ${summarizeIssues(query.error)}`.slice(0, 120) };
  }
  return { ok: true, subject, query: query.data };
}
