import { EngineStreamParser } from './engine-stream';

function parse(chunks: string[]): { lines: string[]; parser: EngineStreamParser } {
  const lines: string[] = [];
  const parser = new EngineStreamParser((line) => lines.push(line));
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
  return { lines, parser };
}

const json = (value: object): string => `${JSON.stringify(value)}\n`;

describe('EngineStreamParser', () => {
  it('turns stream text into whole lines even when JSON and text arrive split', () => {
    const message = json({ stream: 'Step 1/2 : FROM base\n' }) + json({ stream: 'hel' });
    const { lines, parser } = parse([
      message.slice(0, 10),
      message.slice(10),
      json({ stream: 'lo\nwor' }),
      json({ stream: 'ld' }),
    ]);
    expect(lines).toEqual(['Step 1/2 : FROM base', 'hello', 'world']);
    expect(parser.outcome.lastStep).toBe('Step 1/2 : FROM base');
  });

  it('strips colour codes and treats carriage-return redraws as line breaks', () => {
    const { lines } = parse([json({ stream: '\u001b[32mgreen\u001b[0m\r10%\r100%\n' })]);
    expect(lines).toEqual(['green', '10%', '100%']);
  });

  it('reports an in-band error and keeps it visible in the log', () => {
    const error = "The command '/bin/sh -c false' returned a non-zero code: 1";
    const { lines, parser } = parse([
      json({ stream: 'Step 2/2 : RUN false\n' }),
      json({ errorDetail: { code: 1, message: error }, error }),
    ]);
    expect(parser.outcome.error).toBe(error);
    expect(lines).toEqual(['Step 2/2 : RUN false', `ERROR: ${error}`]);
  });

  it('collects the image id and push digest from aux messages', () => {
    const { parser } = parse([
      json({ aux: { ID: 'sha256:abc' } }),
      json({ aux: { Tag: 't', Digest: 'sha256:def', Size: 528 } }),
    ]);
    expect(parser.outcome).toMatchObject({ imageId: 'sha256:abc', digest: 'sha256:def' });
  });

  it('logs a layer status once per change, not once per progress tick', () => {
    const progress = { status: 'Pushing', id: 'a1', progress: '[=>  ]', progressDetail: {} };
    const { lines } = parse([
      json({ status: 'The push refers to repository [x]' }),
      json(progress),
      json({ ...progress, progress: '[==> ]' }),
      json({ status: 'Pushed', id: 'a1' }),
    ]);
    expect(lines).toEqual(['The push refers to repository [x]', 'a1: Pushing', 'a1: Pushed']);
  });

  it('keeps a line that is not JSON instead of dropping it', () => {
    const { lines } = parse(['not json\n']);
    expect(lines).toEqual(['not json']);
  });
});
