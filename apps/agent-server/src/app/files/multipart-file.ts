import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ApiException } from '@agentrt/platform';
import busboy from 'busboy';

export interface MultipartFileOptions {
  /** The form field holding the file; other fields and files are read and discarded. */
  field: string;
  /** Largest file accepted; one byte more is 413. */
  maxBytes: number;
}

/**
 * Streams the file in a multipart request body into `write`, never holding it in memory.
 * Resolves once the body was read and `write` finished. A file over the limit is cut short and
 * answered 413 after the rest of the body was discarded, so the client reads the answer instead
 * of a reset connection; the caller removes whatever `write` wrote on any failure.
 */
export async function receiveMultipartFile(
  req: IncomingMessage,
  options: MultipartFileOptions,
  write: (file: Readable) => Promise<void>,
): Promise<void> {
  const parser = parserFor(req, options.maxBytes);
  let writing: Promise<void> | undefined;
  let writeError: Error | undefined;
  let partError: Error | undefined;
  let tooLarge = false;
  parser.on('file', (name, file) => {
    // A body cut off mid-part fails this part's stream as well as the parser: the parser's
    // error is the one answered (400), and an 'error' nobody listens to would crash the process.
    file.on('error', (error: Error) => (partError ??= error));
    if (name !== options.field || writing) return void file.resume();
    file.once('limit', () => {
      tooLarge = true;
    });
    // A failed write stops reading the file, which would stall the parser: stop it too.
    writing = write(file).catch((error: unknown) => {
      writeError = error instanceof Error ? error : new Error(String(error));
      parser.destroy(writeError);
    });
  });
  const gone = () => {
    if (!req.complete) parser.destroy(new Error('the client closed the connection'));
  };
  req.once('close', gone);
  req.pipe(parser);
  const parseError = await finished(parser).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  req.off('close', gone);
  await writing;
  if (parseError) {
    req.unpipe(parser);
    req.resume(); // discard the rest, so the error answer reaches the client
  }
  // A body cut off mid-file fails the write with the part's own error: the client's broken body
  // (400), not a failed write.
  if (writeError && writeError !== partError) throw writeError;
  if (parseError) throw new ApiException(400, `Malformed multipart body: ${parseError.message}`);
  if (!writing) {
    throw new ApiException(400, `The multipart body has no "${options.field}" file field`);
  }
  if (tooLarge) {
    throw new ApiException(413, `The file is larger than the limit of ${options.maxBytes} bytes`);
  }
}

function parserFor(req: IncomingMessage, maxBytes: number): busboy.Busboy {
  try {
    // One byte over the limit: busboy flags a file that merely reaches its limit as cut.
    return busboy({
      headers: req.headers,
      limits: { fileSize: maxBytes + 1, fields: 64, parts: 128 },
    });
  } catch {
    throw new ApiException(
      415,
      `Expected a multipart/form-data body with a "file" field, got ${req.headers['content-type'] ?? 'no content type'}`,
    );
  }
}
