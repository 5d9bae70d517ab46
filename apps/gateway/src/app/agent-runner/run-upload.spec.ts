import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { runFromMultipart } from './run-upload';

/** A multipart request as Node receives it, encoded by the platform's own FormData. */
async function multipart(form: FormData): Promise<IncomingMessage> {
  const request = new Request('http://gateway/api/runs', { method: 'POST', body: form });
  const stream = Readable.from(Buffer.from(await request.arrayBuffer()));
  return Object.assign(stream, {
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  }) as unknown as IncomingMessage;
}

const limits = { maxFileBytes: 64, maxFiles: 2 };

/** A multipart body that ends in the middle of a file part, as a client that gave up sends it. */
function cutOff(): IncomingMessage {
  const body = `--fuzz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\npartial`;
  return Object.assign(Readable.from([Buffer.from(body)]), {
    headers: { 'content-type': 'multipart/form-data; boundary=fuzz' },
  }) as unknown as IncomingMessage;
}

describe('runFromMultipart', () => {
  // Found by the R4 fuzzer: the file part's stream failed with nobody listening.
  it('answers 400 for a body cut off inside a file part, and the process lives on', async () => {
    await expect(runFromMultipart(cutOff(), limits)).rejects.toMatchObject({
      status: 400,
      detail: expect.stringContaining('Malformed multipart body') as unknown,
    });
  });

  it('reads the run fields and the files', async () => {
    const form = new FormData();
    form.append('input', 'Summarise the notes');
    form.append('timeout_seconds', '90');
    form.append('mode', 'async');
    form.append('files', new Blob(['first']), 'notes.txt');
    form.append('files', new Blob(['second']), 'data v2.csv');
    const upload = await runFromMultipart(await multipart(form), limits);
    expect(upload.request).toEqual({
      input: 'Summarise the notes',
      timeout_seconds: 90,
      mode: 'async',
    });
    expect(upload.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['notes.txt', 'first'],
      ['data v2.csv', 'second'],
    ]);
  });

  it.each(['../escape.txt', 'dir/file.txt', '..', 'a\\b.txt'])(
    'refuses the attachment name %j rather than renaming it',
    async (name) => {
      const form = new FormData();
      form.append('input', 'x');
      form.append('files', new Blob(['x']), name);
      await expect(runFromMultipart(await multipart(form), limits)).rejects.toMatchObject({
        detail: expect.stringContaining('must be a plain file name') as unknown,
      });
    },
  );

  it('refuses files over the size limit (413) and too many files (400)', async () => {
    const big = new FormData();
    big.append('input', 'x');
    big.append('files', new Blob(['x'.repeat(65)]), 'big.bin');
    await expect(runFromMultipart(await multipart(big), limits)).rejects.toMatchObject({
      status: 413,
    });
    const many = new FormData();
    many.append('input', 'x');
    for (const name of ['a', 'b', 'c']) many.append('files', new Blob(['x']), name);
    await expect(runFromMultipart(await multipart(many), limits)).rejects.toMatchObject({
      detail: expect.stringContaining('at most 2 attachments') as unknown,
    });
  });

  it('validates the fields like the JSON body (timeout out of range, no input)', async () => {
    const form = new FormData();
    form.append('timeout_seconds', 'soon');
    await expect(runFromMultipart(await multipart(form), limits)).rejects.toThrow(
      /input|timeout_seconds/,
    );
  });
});
