/** Where progress goes: stderr, or a test's buffer. On a terminal, lines are redrawn in place. */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Clears the terminal line the cursor is on (and returns to its start). */
export const CLEAR_LINE = '\r\x1b[2K';

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
  return `${mm}:${String(seconds % 60).padStart(2, '0')}`;
}
