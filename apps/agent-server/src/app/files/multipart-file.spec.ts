import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { receiveMultipartFile } from './multipart-file';

/** A multipart body that ends in the middle of a file part, as a client that gave up sends it. */
function cutOff(field: string): IncomingMessage {
  const body = `--fuzz\r\nContent-Disposition: form-data; name="${field}"; filename="a.bin"\r\n\r\npartial`;
  return Object.assign(Readable.from([Buffer.from(body)]), {
    headers: { 'content-type': 'multipart/form-data; boundary=fuzz' },
    complete: true,
  }) as unknown as IncomingMessage;
}

describe('receiveMultipartFile', () => {
  // Found by the R4 fuzzer: a part other than "file" failed with nobody listening.
  it.each(['file', 'other'])(
    'answers 400 for a body cut off inside a %s part, and the process lives on',
    async (field) => {
      const written: Buffer[] = [];
      const write = async (file: Readable) => {
        for await (const chunk of file) written.push(chunk as Buffer);
      };
      await expect(
        receiveMultipartFile(cutOff(field), { field: 'file', maxBytes: 1024 }, write),
      ).rejects.toMatchObject({
        status: 400,
        detail: expect.stringContaining('Malformed multipart body') as unknown,
      });
    },
  );
});
