import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One line of the results table. */
export interface BenchResult {
  id: string;
  name: string;
  /** Headline figures, e.g. `{ median_ms: 3.1, p99_ms: 5 }`. */
  figures: Record<string, number | string | boolean>;
  /** The target from targets.md, in words. */
  target: string;
  pass: boolean;
  notes?: string;
}

export function printTable(results: readonly BenchResult[]): void {
  const rows = results.map((r) => [
    r.id,
    r.name,
    Object.entries(r.figures)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' '),
    r.target,
    r.pass ? 'PASS' : 'FAIL',
  ]);
  const header = ['id', 'benchmark', 'figures', 'target', 'result'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  rows.forEach((row) => console.log(line(row)));
}

export function writeJson(
  path: string,
  results: readonly BenchResult[],
  context: Record<string, unknown>,
): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...context, results }, null, 2)}\n`);
}
