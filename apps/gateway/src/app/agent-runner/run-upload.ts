import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import { type AgentRunRequest, AgentRunRequestSchema } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import busboy from 'busboy';
import type { RunAttachment } from './run-attachment';

export interface RunUpload {
  request: AgentRunRequest;
  attachments: RunAttachment[];
}

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** A file name that lands exactly in the working directory: no path, no dot names, printable. */
function isSafeName(name: string): boolean {
  if (name.length === 0 || name.length > 255 || name === '.' || name === '..') return false;
  return ![...name].some((char) => char === '/' || char === '\\' || char.charCodeAt(0) < 0x20);
}

/**
 * A multipart run request: the run's fields as text parts (`input`, `mode`, `timeout_seconds`,
 * `session_id`) and any number of file parts, the attachments. Everything is checked before the
 * run starts, so a bad file never leaves a half-started run behind.
 */
export async function runFromMultipart(
  req: IncomingMessage,
  limits: UploadLimits,
): Promise<RunUpload> {
  const fields: Record<string, string> = {};
  const attachments: RunAttachment[] = [];
  const problems: string[] = [];
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // preservePath: see the name as sent, so `../x` is refused rather than quietly renamed.
      preservePath: true,
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20 },
    });
  } catch (error) {
    throw new ApiException(400, `Malformed multipart request: ${(error as Error).message}`);
  }
  parser.on('field', (name, value) => (fields[name] = value));
  parser.on('file', (_name, file, info) => {
    // A body cut off mid-part fails this part's stream as well as the parser: the parser's
    // error is the one answered (400), and an 'error' nobody listens to would crash the process.
    file.on('error', () => undefined);
    const filename = info.filename ?? '';
    if (!isSafeName(filename)) {
      problems.push(`attachment name "${info.filename}" must be a plain file name`);
      return void file.resume();
    }
    const chunks: Buffer[] = [];
    file.on('data', (chunk: Buffer) => chunks.push(chunk));
    file.once('limit', () =>
      problems.push(`attachment "${filename}" is larger than ${limits.maxFileBytes} bytes`),
    );
    file.once('end', () => attachments.push({ filename, content: Buffer.concat(chunks) }));
  });
  parser.once('filesLimit', () => problems.push(`at most ${limits.maxFiles} attachments per run`));
  req.pipe(parser);
  await finished(parser).catch((error: unknown) => {
    throw new ApiException(
      400,
      `Malformed multipart body: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const tooLarge = problems.find((problem) => problem.includes('larger than'));
  if (tooLarge) throw new ApiException(413, `Invalid attachment: ${tooLarge}`, 'payload_too_large');
  if (problems.length > 0)
    throw new ApiException(400, `Invalid attachments: ${problems.join('; ')}`);
  return { request: AgentRunRequestSchema.parse(fieldsOf(fields)), attachments };
}

/** Text parts as the JSON body would have them (`timeout_seconds` is a number there). */
function fieldsOf(fields: Record<string, string>): Record<string, unknown> {
  const { timeout_seconds, ...rest } = fields;
  if (timeout_seconds === undefined) return rest;
  const number = Number(timeout_seconds);
  return {
    ...rest,
    timeout_seconds:
      timeout_seconds.trim() === '' || Number.isNaN(number) ? timeout_seconds : number,
  };
}
