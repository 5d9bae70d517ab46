import type { LogSink } from './types';

/** What the engine said besides its log: the error it reported in-band, ids and digests. */
export interface EngineOutcome {
  error?: string;
  /** `aux.ID` of a build (the image id). */
  imageId?: string;
  /** `aux.Digest` of a push. */
  digest?: string;
  /** The last `Step n/m : ...` line, to name the step an error belongs to. */
  lastStep?: string;
}

interface EngineMessage {
  stream?: unknown;
  status?: unknown;
  id?: unknown;
  error?: unknown;
  errorDetail?: { message?: unknown };
  aux?: { ID?: unknown; Digest?: unknown };
}

// CSI/OSC escape sequences (colours, cursor moves) that RUN steps may print.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[@-_]/g;

/**
 * Turns the engine's newline-delimited JSON (build and push answers) into log lines.
 * The engine answers 200 and reports failures inside the stream, so the error is collected here.
 * Progress messages repeat per chunk; only a change of status per layer is logged.
 */
export class EngineStreamParser {
  readonly outcome: EngineOutcome = {};
  private pendingJson = '';
  private pendingText = '';
  private readonly lastStatus = new Map<string, string>();

  constructor(private readonly onLog: LogSink) {}

  write(chunk: string): void {
    const parts = (this.pendingJson + chunk).split('\n');
    this.pendingJson = parts.pop() ?? '';
    for (const part of parts) this.handleJson(part);
  }

  end(): void {
    this.handleJson(this.pendingJson);
    this.pendingJson = '';
    this.emitText('\n');
  }

  private handleJson(raw: string): void {
    if (raw.trim() === '') return;
    let message: EngineMessage;
    try {
      message = JSON.parse(raw) as EngineMessage;
    } catch {
      this.emitText(`${raw}\n`); // not JSON: keep it visible rather than lose it
      return;
    }
    this.handleMessage(message);
  }

  private handleMessage(message: EngineMessage): void {
    if (typeof message.stream === 'string') this.emitText(message.stream);
    if (typeof message.status === 'string') this.emitStatus(message.status, message.id);
    if (typeof message.aux?.ID === 'string') this.outcome.imageId = message.aux.ID;
    if (typeof message.aux?.Digest === 'string') this.outcome.digest = message.aux.Digest;
    const error = message.errorDetail?.message ?? message.error;
    if (typeof error === 'string') {
      this.outcome.error ??= clean(error);
      this.emitText(`ERROR: ${error}\n`);
    }
  }

  private emitStatus(status: string, id: unknown): void {
    const key = typeof id === 'string' ? id : '';
    if (this.lastStatus.get(key) === status) return;
    this.lastStatus.set(key, status);
    this.emitText(key ? `${key}: ${status}\n` : `${status}\n`);
  }

  /** Buffers partial lines (RUN output arrives in arbitrary chunks); `\r` redraws count as breaks. */
  private emitText(text: string): void {
    const lines = (this.pendingText + text).split(/\r\n|\r|\n/);
    this.pendingText = lines.pop() ?? '';
    for (const line of lines) {
      const cleaned = clean(line);
      if (cleaned === '') continue;
      if (/^Step \d+\/\d+ : /.test(cleaned)) this.outcome.lastStep = cleaned;
      this.onLog(cleaned);
    }
  }
}

function clean(line: string): string {
  return line.replace(ANSI, '').trimEnd();
}

/**
 * Feeds a response stream into the parser; resolves when the engine ends it. Rejects on abort
 * at once (whether or not the aborted socket still emits anything) and on a stream cut short.
 */
export function readEngineStream(
  stream: NodeJS.ReadableStream,
  parser: EngineStreamParser,
  signal: AbortSignal,
): Promise<EngineOutcome> {
  return new Promise((resolve, reject) => {
    let ended = false;
    const onAbort = (): void => reject(new Error('aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => parser.write(chunk));
    stream.once('error', reject);
    stream.once('end', () => {
      ended = true;
      signal.removeEventListener('abort', onAbort);
      parser.end();
      resolve(parser.outcome);
    });
    stream.once('close', () => {
      if (!ended) reject(new Error('the engine closed the stream before it ended'));
    });
  });
}
