import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import {
  BUILD_CONTEXT_FIELD,
  type BuildJsonRequest,
  BuildJsonRequestSchema,
  BuildMultipartFieldsSchema,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import busboy from 'busboy';

/** A `POST /build` request in either encoding: the tar.gz bytes and the options. */
export interface BuildUpload {
  context: Buffer;
  fields: Pick<BuildJsonRequest, 'target_image' | 'tags' | 'dockerfile' | 'target' | 'build_args'>;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** The JSON body, already parsed by the body parser mounted for `/build`. */
export function uploadFromJson(body: unknown): BuildUpload {
  // A ZodError thrown here becomes the usual `validation_failed` body.
  const { context, target_image, tags, dockerfile, target, build_args } =
    BuildJsonRequestSchema.parse(body);
  return {
    context: Buffer.from(context, 'base64'),
    fields: { target_image, tags, dockerfile, target, build_args },
  };
}

/**
 * A multipart body: the `context` file part (base64 text of a tar.gz, as the OpenHands builder
 * sends it, or raw tar.gz bytes) and text fields, repeated `tags` kept as a list. The file is
 * held in memory up to `maxBytes` (the body parser does the same for the JSON encoding).
 */
export async function uploadFromMultipart(
  req: IncomingMessage,
  maxBytes: number,
): Promise<BuildUpload> {
  const parser = multipartParser(req, maxBytes);
  const fields: Record<string, string | string[]> = {};
  const chunks: Buffer[] = [];
  let sawContext = false;
  let tooLarge = false;
  parser.on('field', (name, value) => addField(fields, name, value));
  parser.on('file', (name, file) => {
    // A body cut off mid-part fails this part's stream as well as the parser: the parser's
    // error is the one answered (400), and an 'error' nobody listens to would crash the process.
    file.on('error', () => undefined);
    if (name !== BUILD_CONTEXT_FIELD || sawContext) return void file.resume();
    sawContext = true;
    file.on('data', (chunk: Buffer) => chunks.push(chunk));
    file.once('limit', () => (tooLarge = true));
  });
  req.pipe(parser);
  const parseError = await finished(parser).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (parseError) throw new ApiException(400, `Malformed multipart body: ${parseError}`);
  if (tooLarge) throw contextTooLarge(maxBytes);
  // Some clients send the context as a text field rather than a file part.
  const text = fields[BUILD_CONTEXT_FIELD];
  if (!sawContext && typeof text !== 'string') {
    throw new ApiException(400, `The multipart body has no "${BUILD_CONTEXT_FIELD}" part`);
  }
  const { target_image, tags, dockerfile, target, build_args } =
    BuildMultipartFieldsSchema.parse(fields);
  const raw = sawContext ? Buffer.concat(chunks) : Buffer.from(String(text), 'utf8');
  return {
    context: decodeContext(raw),
    fields: { target_image, tags, dockerfile, target, build_args },
  };
}

export function contextTooLarge(maxBytes: number): ApiException {
  return new ApiException(
    413,
    `Invalid build context: it is larger than the limit of ${maxBytes} bytes`,
    'payload_too_large',
    { reason: 'too_large' },
  );
}

/** Raw tar.gz bytes pass through; anything else must be base64 text of one. */
function decodeContext(raw: Buffer): Buffer {
  if (raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1]) return raw;
  const text = raw.toString('latin1').replace(/\s+/g, '');
  if (text.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new ApiException(
      400,
      `Invalid build context: the "${BUILD_CONTEXT_FIELD}" part is neither a tar.gz nor the base64 text of one`,
      'bad_request',
      { reason: 'not_gzip' },
    );
  }
  return Buffer.from(text, 'base64');
}

function addField(fields: Record<string, string | string[]>, name: string, value: string): void {
  const seen = fields[name];
  if (seen === undefined) fields[name] = value;
  else fields[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
}

function multipartParser(req: IncomingMessage, maxBytes: number): busboy.Busboy {
  try {
    // Base64 text is a third longer than the bytes it carries; one byte more marks "cut".
    const fileSize = Math.ceil((maxBytes * 4) / 3) + 4096;
    return busboy({
      headers: req.headers,
      limits: { fileSize, fieldSize: fileSize, fields: 64, parts: 128 },
    });
  } catch {
    throw new ApiException(
      415,
      `Expected application/json or multipart/form-data, got ${req.headers['content-type'] ?? 'no content type'}`,
    );
  }
}
