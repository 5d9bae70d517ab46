// CSI, OSC, string controls (DCS/SOS/PM/APC), then any other ESC sequence (charset, keypad, ...).
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- matching terminal control bytes is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][\s\S]*?(?:\x07|\x1b\\)|\x1b[PX^_][\s\S]*?\x1b\\|\x1b[ -/]*[0-~]/g;
// eslint-disable-next-line no-control-regex -- see above
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * Turns raw terminal output into plain text: escape sequences (colours, cursor moves, titles) and
 * other control bytes removed, `\r\n` as `\n`, and a line rewritten with `\r` (progress bars)
 * reduced to what a terminal would finally show.
 */
export function cleanTerminalOutput(raw: string): string {
  return raw
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '')
    .split('\n')
    .map(lastCarriageSegment)
    .join('\n');
}

function lastCarriageSegment(line: string): string {
  const trimmed = line.replace(/\r+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('\r') + 1);
}
