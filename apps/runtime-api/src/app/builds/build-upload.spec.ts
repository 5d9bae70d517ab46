import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { uploadFromMultipart } from './build-upload';

/** A multipart body that ends in the middle of a file part, as a client that gave up sends it. */
function cutOff(field: string): IncomingMessage {
  const body = `--fuzz\r\nContent-Disposition: form-data; name="${field}"; filename="c.tgz"\r\n\r\npartial`;
  return Object.assign(Readable.from([Buffer.from(body)]), {
    headers: { 'content-type': 'multipart/form-data; boundary=fuzz' },
  }) as unknown as IncomingMessage;
}

describe('uploadFromMultipart', () => {
  // Found by the R4 fuzzer: the part's stream failed with nobody listening and runtime-api died.
  it.each(['context', 'other'])(
    'answers 400 for a body cut off inside a %s part, and the process lives on',
    async (field) => {
      await expect(uploadFromMultipart(cutOff(field), 1024)).rejects.toMatchObject({
        status: 400,
        detail: expect.stringContaining('Malformed multipart body') as unknown,
      });
    },
  );
});
