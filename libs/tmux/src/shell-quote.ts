/** Quotes `value` as one POSIX shell word (single quotes; embedded quotes as `'\''`). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
