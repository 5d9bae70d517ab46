import { rejectionOf } from '../common/rejection.testing';
import {
  EventSocketClientFrameSchema,
  EventSocketQuerySchema,
  WebSocketAuthFrameSchema,
  WS_CLOSE_CODES,
} from './websocket';

describe('event socket frames', () => {
  it('accepts the auth first frame', () => {
    const frame = { type: 'auth', session_api_key: 'sk-session-2f9a' };
    expect(WebSocketAuthFrameSchema.parse(frame)).toEqual(frame);
    expect(EventSocketClientFrameSchema.parse(frame)).toEqual(frame);
  });

  it('rejects an auth frame without a key, naming it', () => {
    expect(rejectionOf(WebSocketAuthFrameSchema, { type: 'auth' })).toContain('session_api_key');
  });

  it('reads a frame holding a message as a message', () => {
    const parsed = EventSocketClientFrameSchema.parse({
      role: 'user',
      content: [{ type: 'text', text: 'continue' }],
    });
    expect(parsed).toMatchObject({ role: 'user', content: [{ text: 'continue' }] });
  });

  it('rejects a frame that is neither auth nor a message', () => {
    expect(EventSocketClientFrameSchema.safeParse({ hello: 'world' }).success).toBe(false);
  });
});

describe('EventSocketQuerySchema', () => {
  it('folds the older resend_all=true into resend_mode all', () => {
    expect(EventSocketQuerySchema.parse({ resend_all: 'true' }).resend_mode).toBe('all');
    expect(EventSocketQuerySchema.parse({}).resend_mode).toBeUndefined();
  });

  it('replays since a timestamp', () => {
    const parsed = EventSocketQuerySchema.parse({
      session_api_key: 'sk',
      resend_mode: 'since',
      after_timestamp: '2025-06-01T12:00:00.5',
    });
    expect(parsed).toMatchObject({
      resend_mode: 'since',
      after_timestamp: '2025-06-01T12:00:00.5',
    });
  });

  it('requires after_timestamp for resend_mode=since', () => {
    expect(rejectionOf(EventSocketQuerySchema, { resend_mode: 'since' })).toContain(
      'after_timestamp',
    );
  });

  it('rejects an unknown resend mode, naming it', () => {
    expect(rejectionOf(EventSocketQuerySchema, { resend_mode: 'latest' })).toContain('resend_mode');
  });
});

describe('WS_CLOSE_CODES', () => {
  it('uses the codes clients act on', () => {
    expect(WS_CLOSE_CODES).toEqual({
      AUTH_FAILED: 4001,
      UNKNOWN_CONVERSATION: 4004,
      TOO_MANY_SUBSCRIBERS: 1013,
    });
  });
});
