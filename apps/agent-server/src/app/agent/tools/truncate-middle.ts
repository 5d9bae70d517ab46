/** Room kept for the truncation note itself, so the result stays within the limit. */
const NOTE_ROOM = 48;
/** A cut moves to a line boundary when one is this close (as a share of the kept part). */
const LINE_SNAP = 0.2;

/**
 * Shortens `text` to about `limit` characters by keeping its head and tail, where the useful
 * parts of command output usually are (what ran, and how it ended), and saying how much of the
 * middle was left out. Cuts snap to nearby line ends so no half lines are shown.
 */
export function truncateMiddle(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const budget = Math.max(0, limit - NOTE_ROOM);
  const headSize = Math.ceil(budget / 2);
  let head = text.slice(0, headSize);
  let tail = text.slice(text.length - (budget - headSize));
  const headCut = head.lastIndexOf('\n');
  if (headCut >= 0 && headCut >= head.length * (1 - LINE_SNAP)) head = head.slice(0, headCut + 1);
  const tailCut = tail.indexOf('\n');
  if (tailCut >= 0 && tailCut < tail.length * LINE_SNAP) tail = tail.slice(tailCut + 1);
  const dropped = text.length - head.length - tail.length;
  const gap = head.endsWith('\n') || head === '' ? '' : '\n';
  return `${head}${gap}[... ${dropped} characters truncated ...]\n${tail}`;
}
