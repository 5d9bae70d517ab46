import fc from 'fast-check';

// Past every app's JSON limit (1 MB) and still quick to send: a few MB at most.
const OVERSIZED = { min: 1_100_000, max: 3_000_000 };
const DEPTH = 20_000;

/** Bodies that are not JSON at all: truncated, garbage, invalid UTF-8, absurdly deep. */
export function malformedBodies(): fc.Arbitrary<{ what: string; data: Buffer }> {
  const text = (what: string, value: string) => ({
    what: `malformed JSON: ${what}`,
    data: Buffer.from(value),
  });
  return fc.oneof(
    fc.constantFrom(
      text('truncated', '{"a": "b", '),
      text('a bare brace', '{'),
      text('a value missing', '{"a":}'),
      text('single quotes', "{'a': 1}"),
      text('trailing comma', '{"a": 1,}'),
      text('NaN', '{"a": NaN}'),
      text('garbage after the value', '{"a": 1} trailing'),
      text('a comment', '{"a": 1 /* hi */}'),
      text('an unterminated string', '{"a": "b'),
      text('a NUL byte', '{"a\u0000": 1'),
      text(`an unclosed nesting ${DEPTH} deep`, `{"a": ${'['.repeat(DEPTH)}}`),
      {
        what: 'malformed JSON: invalid UTF-8',
        data: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]),
      },
      { what: 'malformed JSON: UTF-16', data: Buffer.from('{"a": 1}', 'utf16le') },
    ),
    fc
      .string({ unit: 'binary', minLength: 1, maxLength: 200 })
      .filter((value) => !parses(value))
      .map((value) => text('random text', value)),
  );
}

function parses(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** A JSON object of `size` bytes holding nothing but padding (so it misses any required field). */
export function oversizedBody(): fc.Arbitrary<Buffer> {
  return fc
    .integer(OVERSIZED)
    .map((size) => Buffer.from(JSON.stringify({ fuzz_padding: 'x'.repeat(size) })));
}

/** Valid JSON nested absurdly deep, and nothing else (so it misses any required field). */
export function deepBody(): fc.Arbitrary<Buffer> {
  return fc
    .constantFrom(1_000, DEPTH)
    .map((depth) => Buffer.from(`{"fuzz_deep": ${'['.repeat(depth)}${']'.repeat(depth)}}`));
}

/** Content types an operation does not take (undefined: no content-type header at all). */
export function wrongContentTypes(accepted: string[]): fc.Arbitrary<string | undefined> {
  const candidates = [
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=fuzz',
    'application/octet-stream',
    'application/json; charset=utf-16',
    'image/png',
    'nonsense',
  ];
  const refused = candidates.filter((type) => !accepted.some((ok) => type.startsWith(ok)));
  return fc.constantFrom(undefined, ...refused);
}

/** Multipart bodies no parser can read: no boundary, a boundary never found, a truncated part. */
export function malformedMultipart(): fc.Arbitrary<{ what: string; type: string; data: Buffer }> {
  const part =
    '--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello';
  return fc.constantFrom(
    { what: 'multipart without a boundary', type: 'multipart/form-data', data: Buffer.from(part) },
    {
      what: 'multipart whose boundary never appears',
      type: 'multipart/form-data; boundary=other',
      data: Buffer.from(part),
    },
    {
      what: 'multipart cut off mid-part',
      type: 'multipart/form-data; boundary=fuzz',
      data: Buffer.from(part),
    },
    {
      what: 'multipart with a broken part header',
      type: 'multipart/form-data; boundary=fuzz',
      data: Buffer.from('--fuzz\r\nContent-Disposition\r\n\r\nx\r\n--fuzz--\r\n'),
    },
    {
      what: 'multipart with garbage',
      type: 'multipart/form-data; boundary=fuzz',
      data: Buffer.from([0xff, 0x00, 0xfe, 0x0d, 0x0a]),
    },
  );
}
