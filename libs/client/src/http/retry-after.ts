/**
 * How long a `Retry-After` header asks to wait, in ms: delta-seconds or an HTTP date (RFC 9110
 * 10.2.3). Undefined when absent or unreadable; a date in the past means "now" (0).
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(at - now, 0);
}
