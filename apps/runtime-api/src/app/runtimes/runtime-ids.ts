import { randomBytes, randomUUID } from 'node:crypto';

/** A new runtime id: 20 lowercase hex characters (`RUNTIME_ID_PATTERN` in @agentrt/contracts). */
export function newRuntimeId(): string {
  return randomBytes(10).toString('hex');
}

/** A session key: 192 random bits, URL-safe. */
export function newSessionApiKey(): string {
  return randomBytes(24).toString('base64url');
}

export function newSessionId(): string {
  return randomUUID().replaceAll('-', '');
}
