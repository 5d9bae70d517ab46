import { readFile, truncate } from 'node:fs/promises';
import type { Event } from '@agentrt/contracts';

const NEWLINE = 0x0a;

/** One stored event and its line in the file (its JSON text). */
export interface StoredEvent {
  event: Event;
  line: string;
}

/** What loading an `events.jsonl` found. */
export interface LoadedEvents {
  events: StoredEvent[];
  /** Problems worth a warning: a cut-off last line, unreadable lines. */
  problems: string[];
}

/**
 * Reads every complete line of an event file. A last line without its newline is what a crash
 * in the middle of a write leaves: it is cut off the file (so the next append starts a clean
 * line) and reported. Lines that are not an event object are skipped and reported.
 */
export async function loadEventFile(path: string): Promise<LoadedEvents> {
  const content = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  });
  const problems: string[] = [];
  const end = content.lastIndexOf(NEWLINE) + 1;
  if (end < content.length) {
    await truncate(path, end);
    problems.push(`cut off a partial last line (${content.length - end} bytes)`);
  }
  const events: StoredEvent[] = [];
  const lines = content.subarray(0, end).toString('utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.length === 0) return;
    const event = parseEventLine(line);
    if (event) events.push({ event, line });
    else problems.push(`skipped unreadable line ${index + 1}`);
  });
  return { events, problems };
}

/** Our own lines, so a shape check suffices; a full schema parse would slow big loads. */
function parseEventLine(line: string): Event | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { kind, id, timestamp } = value as Record<string, unknown>;
    const looksLikeEvent =
      typeof kind === 'string' && typeof id === 'string' && typeof timestamp === 'string';
    return looksLikeEvent ? (value as Event) : undefined;
  } catch {
    return undefined;
  }
}
