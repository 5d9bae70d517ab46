import type { FlagValues } from './command';
import { UsageError } from './exit-codes';

/** Readers of parsed flags with the checks every command wants; bad values are usage errors. */
export function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(flags: FlagValues, name: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function stringsFlag(flags: FlagValues, name: string): string[] {
  const value = flags[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

export function booleanFlag(flags: FlagValues, name: string): boolean {
  return flags[name] === true;
}

/** `--env K=V` (repeated) as an object; a later K wins, as in a shell. */
export function keyValueFlag(flags: FlagValues, name: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of stringsFlag(flags, name)) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--${name} takes KEY=VALUE, not ${JSON.stringify(item)}`);
    pairs[item.slice(0, at)] = item.slice(at + 1);
  }
  return pairs;
}

/** A positive number of seconds, as milliseconds; `fallback` (ms) when the flag is absent. */
export function secondsFlag(flags: FlagValues, name: string, fallbackMs: number): number {
  const value = stringFlag(flags, name);
  if (value === undefined) return fallbackMs;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(
      `--${name} takes a positive number of seconds, not ${JSON.stringify(value)}`,
    );
  }
  return Math.round(seconds * 1000);
}

/** One of `allowed`, or undefined when the flag is absent. */
export function choiceFlag<T extends string>(
  flags: FlagValues,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const match = allowed.find((choice) => choice === value);
  if (match === undefined) {
    throw new UsageError(
      `--${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`,
    );
  }
  return match;
}
