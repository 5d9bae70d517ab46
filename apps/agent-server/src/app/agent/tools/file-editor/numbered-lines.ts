/** Longest text an editor answer shows before it is clipped (as OpenHands' editor). */
export const MAX_SHOWN_CHARS = 16_000;
/** Lines shown around an edit. */
export const SNIPPET_CONTEXT_LINES = 4;

const CLIPPED_NOTE =
  '<response clipped><NOTE>Only part of this content is shown. View a smaller `view_range`, or ' +
  'find line numbers first with `grep -n` in the terminal.</NOTE>';

/** A file's lines; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** `cat -n` style: right-aligned 6-wide numbers and a tab, starting at `firstNumber`. */
export function numberLines(lines: readonly string[], firstNumber: number): string {
  if (lines.length === 0) return '';
  const shown = clip(lines.join('\n'));
  return shown
    .split('\n')
    .map((line, index) => `${String(index + firstNumber).padStart(6)}\t${line}`)
    .join('\n');
}

/** `text` as shown to the agent: clipped, with a note, past {@link MAX_SHOWN_CHARS}. */
export function clip(text: string): string {
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS)}${CLIPPED_NOTE}`;
}

/** "Here's the result of running `cat -n` on <what>:" and the numbered lines. */
export function catN(what: string, lines: readonly string[], firstNumber = 1): string {
  return `Here's the result of running \`cat -n\` on ${what}:\n${numberLines(lines, firstNumber)}\n`;
}

/** The lines around an edit that starts at line `firstChanged` and spans `changedCount` lines. */
export function snippetAround(
  text: string,
  firstChanged: number,
  changedCount: number,
): { lines: string[]; firstNumber: number } {
  const lines = splitLines(text);
  const start = Math.max(1, firstChanged - SNIPPET_CONTEXT_LINES);
  const end = Math.min(lines.length, firstChanged + changedCount - 1 + SNIPPET_CONTEXT_LINES);
  return { lines: lines.slice(start - 1, end), firstNumber: start };
}
