import type { CliIo } from './cli-io';

/**
 * Where a command's results go. Human mode prints lines and tables; `--json` prints exactly one
 * JSON document per command on stdout (or one JSON line per streamed item), so stdout can be
 * piped into `jq`. Progress and notes always go to stderr, in both modes.
 */
export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** The command's result: `document` with --json, otherwise the human lines. */
  result(document: unknown, human: string | readonly string[]): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(document)}\n`);
    else this.lines(human);
  }

  /** One item of a stream: a JSON line, or its human line (nothing when it has none). */
  item(document: unknown, human: string | undefined): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(document)}\n`);
    else if (human !== undefined) this.lines(human);
  }

  /** A human line on stdout only (nothing with --json). */
  text(human: string | readonly string[]): void {
    if (!this.json) this.lines(human);
  }

  /** Progress, status changes and hints for people watching: stderr. */
  note(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  /** A failure: red on a terminal; with --json also an `{error}` document on stdout. */
  error(message: string, document: Record<string, unknown>): void {
    this.failure(message);
    if (this.json) this.io.stdout.write(`${JSON.stringify({ error: document })}\n`);
  }

  /** Why an operation ended badly, on stderr only (its result document is already out). */
  failure(message: string): void {
    this.io.stderr.write(`${this.paint(`agentrt: ${message}`, 'red', this.io.stderr.isTTY)}\n`);
  }

  /** True when stdout is a terminal, so human lines may carry colour. */
  get colour(): boolean {
    return !this.json && this.io.stdout.isTTY === true;
  }

  paint(text: string, colour: keyof typeof COLOURS, tty = this.colour): string {
    return tty ? `${COLOURS[colour]}${text}\x1b[0m` : text;
  }

  private lines(human: string | readonly string[]): void {
    const all = typeof human === 'string' ? [human] : human;
    for (const line of all) this.io.stdout.write(`${line}\n`);
  }
}

const COLOURS = { red: '\x1b[31m', dim: '\x1b[2m', green: '\x1b[32m' } as const;

/** Left-aligned columns with a header; cells are never cut, so ids stay copyable. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
