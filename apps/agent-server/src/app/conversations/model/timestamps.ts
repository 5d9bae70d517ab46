import type { Clock } from '../../health/activity-tracker';

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Microseconds since the epoch of an ISO timestamp as clients write it: `Z`, an offset, or
 * none (the SDK's naive timestamps, read as server-local time). NaN when it is not one.
 */
export function timestampMicros(iso: string): number {
  const match = ISO.exec(iso);
  if (!match) return Number.NaN;
  const [, base = '', fraction = '', zone = ''] = match;
  const millis = Date.parse(`${base}${normalizeZone(zone)}`);
  return millis * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

function normalizeZone(zone: string): string {
  if (/^[+-]\d{2}$/.test(zone)) return `${zone}:00`;
  if (/^[+-]\d{4}$/.test(zone)) return `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return zone;
}

/** Formats microseconds since the epoch as ISO 8601 UTC with six fractional digits. */
export function isoFromMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, -1)}${String(micros - millis * 1000).padStart(3, '0')}Z`;
}

/**
 * Stamps one conversation's events with strictly increasing timestamps, even within one
 * millisecond or when the wall clock steps back, so "events after T" (`resend_mode=since`)
 * never skips or repeats an event and timestamp order is emission order.
 */
export class EventClock {
  private last = 0;

  constructor(private readonly now: Clock) {}

  /** Accounts for an event already in the history (on load). */
  observe(micros: number): void {
    if (micros > this.last) this.last = micros;
  }

  next(): { iso: string; micros: number } {
    this.last = Math.max(this.now() * 1000, this.last + 1);
    return { iso: isoFromMicros(this.last), micros: this.last };
  }
}
