import { EditorError } from './editor-error';
import { splitLines } from './numbered-lines';

/** A changed text and where the change is, for the snippet shown afterwards. */
export interface TextEdit {
  text: string;
  /** 1-based line where the new text starts. */
  firstLine: number;
  /** Lines the new text spans. */
  lineCount: number;
}

/** Replaces the single occurrence of `oldStr`; refuses none or several, saying where. */
export function replaceOnce(text: string, oldStr: string, newStr: string, path: string): TextEdit {
  if (oldStr === '') throw new EditorError('`old_str` must not be empty.');
  if (oldStr === newStr) {
    throw new EditorError('No replacement was performed: `new_str` and `old_str` are the same.');
  }
  const starts = occurrences(text, oldStr);
  const [start] = starts;
  if (start === undefined) {
    throw new EditorError(
      `No replacement was performed: old_str \`${oldStr}\` did not appear verbatim in ${path}.`,
    );
  }
  if (starts.length > 1) {
    const lines = starts.map((at) => lineOf(text, at));
    throw new EditorError(
      `No replacement was performed: old_str \`${oldStr}\` occurs ${starts.length} times, ` +
        `in lines ${lines.join(', ')}. Include more context to make it unique.`,
    );
  }
  return {
    text: text.slice(0, start) + newStr + text.slice(start + oldStr.length),
    firstLine: lineOf(text, start),
    lineCount: newStr.split('\n').length,
  };
}

/** Inserts `newStr` as whole lines after line `line` (0 = before the first line). */
export function insertAfter(text: string, line: number, newStr: string): TextEdit {
  const lines = splitLines(text);
  if (line > lines.length) {
    throw new EditorError(
      `Invalid \`insert_line\` ${line}: it should be within the range of lines of the file: [0, ${lines.length}].`,
    );
  }
  const inserted = newStr.split('\n');
  const result = [...lines.slice(0, line), ...inserted, ...lines.slice(line)].join('\n');
  // Keep the file's own ending: a final newline stays, and an empty file gets one.
  const ending = text === '' || text.endsWith('\n') ? '\n' : '';
  return { text: result + ending, firstLine: line + 1, lineCount: inserted.length };
}

/** Start offsets of the non-overlapping occurrences of `needle`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    found.push(at);
  }
  return found;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
  }
  return line;
}
