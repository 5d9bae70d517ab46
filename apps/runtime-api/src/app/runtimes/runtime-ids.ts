import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Runtime ids are 20 lowercase hex characters: valid in container, pod and DNS names, and easy
 * for the runtime proxy to tell apart from runtime-api's own routes (`/start`, `/list`, ...).
 */
export const RUNTIME_ID_PATTERN = /^[0-9a-f]{20}$/;

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
