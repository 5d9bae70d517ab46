import { z } from 'zod';
import { isoTimestamp, queryBoolean } from '../common/lenient-input';
import { MessageContentSchema } from './content';
import { SendMessageRequestSchema } from './conversation-requests';

/** Path prefix of a conversation's event stream: `/sockets/events/{conversation_id}`. */
export const EVENTS_SOCKET_PATH = '/sockets/events';

/** Path of the bash event stream (commands and their output chunks). */
export const BASH_EVENTS_SOCKET_PATH = '/sockets/bash-events';

/** Close codes the agent server's WebSockets end with; clients decide on retrying by these. */
export const WS_CLOSE_CODES = {
  /** No valid session key by query, header or first frame. */
  AUTH_FAILED: 4001,
  UNKNOWN_CONVERSATION: 4004,
  /** The standard "try again later" code: the subscriber limit is reached. */
  TOO_MANY_SUBSCRIBERS: 1013,
} as const;

/** How long a socket without query or header key may take to send its auth frame. */
export const WS_AUTH_TIMEOUT_MS = 10_000;

/** First client frame of a socket that did not authenticate by query or header. */
export const WebSocketAuthFrameSchema = z.looseObject({
  type: z.literal('auth'),
  session_api_key: z.string().min(1),
});
export type WebSocketAuthFrame = z.infer<typeof WebSocketAuthFrameSchema>;

/** A client frame holding a message: handled as send-message with `run: true`. */
export const EventSocketMessageFrameSchema = SendMessageRequestSchema.extend({
  content: z.array(MessageContentSchema).min(1),
});
export type EventSocketMessageFrame = z.infer<typeof EventSocketMessageFrameSchema>;

/** Any frame a client may send on an event socket. */
export const EventSocketClientFrameSchema = z.union([
  WebSocketAuthFrameSchema,
  EventSocketMessageFrameSchema,
]);
export type EventSocketClientFrame = z.infer<typeof EventSocketClientFrameSchema>;

/** `resend_mode`: replay all history, or history after `after_timestamp`, before live events. */
export const ResendModeSchema = z.enum(['all', 'since']);
export type ResendMode = z.infer<typeof ResendModeSchema>;

/**
 * Query of an event socket. `resend_all=true` (the older spelling) is folded into
 * `resend_mode: "all"`, so handlers read `resend_mode` only.
 */
export const EventSocketQuerySchema = z
  .object({
    session_api_key: z.string().min(1).optional(),
    resend_mode: ResendModeSchema.optional(),
    after_timestamp: isoTimestamp().optional(),
    resend_all: queryBoolean().default(false),
  })
  .refine((query) => query.resend_mode !== 'since' || query.after_timestamp !== undefined, {
    error: 'resend_mode=since needs after_timestamp',
    path: ['after_timestamp'],
  })
  .transform((query) => ({
    ...query,
    resend_mode: query.resend_mode ?? (query.resend_all ? ('all' as const) : undefined),
  }));
export type EventSocketQuery = z.infer<typeof EventSocketQuerySchema>;
