/** A request the editor refuses (bad path, ambiguous match, ...): answered, never thrown out. */
export class EditorError extends Error {
  override readonly name = 'EditorError';
}
