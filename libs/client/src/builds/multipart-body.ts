import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { StreamBody } from '../http/http-service';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  path: string;
  bytes: number;
}

/**
 * A multipart/form-data body whose file part streams from disk: text fields first, then the
 * file. Its length is known up front (sent as Content-Length) and `onFileBytes` is told how
 * many of the file's bytes have been pulled by the connection, so progress is real.
 */
export function multipartBody(
  fields: readonly (readonly [string, string])[],
  file: MultipartFile,
  onFileBytes: (sent: number, total: number) => void,
): StreamBody {
  const boundary = `----agentrt-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    [
      ...fields.map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n`,
      `Content-Type: ${file.contentType}\r\n\r\n`,
    ].join(''),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    let sent = 0;
    onFileBytes(0, file.bytes);
    for await (const chunk of createReadStream(file.path)) {
      const bytes = chunk as Buffer;
      yield bytes;
      sent += bytes.length;
      onFileBytes(sent, file.bytes);
    }
    yield tail;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + file.bytes + tail.length,
    open: () => Readable.toWeb(Readable.from(parts())) as ReadableStream<Uint8Array>,
  };
}
