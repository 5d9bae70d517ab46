import { Readable } from 'node:stream';
import type { RuntimeSpec } from '../runtime-backend';
import { ensureImage, type ImageClient } from './image-puller';

/** Strict fake: records calls; images in `present` inspect fine, others answer 404. */
class FakeImages implements ImageClient {
  readonly calls: string[] = [];
  constructor(
    private readonly present: string[],
    private readonly pullError?: Error,
  ) {}
  getImage(name: string): { inspect(): Promise<unknown> } {
    return {
      inspect: () => {
        this.calls.push(`inspect ${name}`);
        return this.present.includes(name)
          ? Promise.resolve({})
          : Promise.reject(Object.assign(new Error('no such image'), { statusCode: 404 }));
      },
    };
  }
  pull(repoTag: string): Promise<NodeJS.ReadableStream> {
    this.calls.push(`pull ${repoTag}`);
    return Promise.resolve(Readable.from([]));
  }
  modem = {
    followProgress: (_: NodeJS.ReadableStream, done: (error: Error | null) => void): void =>
      done(this.pullError ?? null),
  };
}

const spec = (image: string, pullPolicy: RuntimeSpec['pullPolicy']): RuntimeSpec => ({
  runtimeId: 'r',
  sessionId: 's',
  image,
  command: [],
  environment: {},
  ports: [],
  resourceFactor: 1,
  pullPolicy,
  labels: {},
});

describe('ensureImage', () => {
  it('never pulls with Never and names the missing image', async () => {
    const fake = new FakeImages([]);
    await expect(ensureImage(fake, spec('img:1', 'Never'))).rejects.toMatchObject({
      reason: 'image_not_found',
      message: expect.stringContaining('img:1') as unknown,
    });
    expect(fake.calls).toEqual(['inspect img:1']);
  });

  it('pulls with IfNotPresent only when the image is missing', async () => {
    const present = new FakeImages(['img:1']);
    await ensureImage(present, spec('img:1', 'IfNotPresent'));
    expect(present.calls).toEqual(['inspect img:1']);
    const missing = new FakeImages([]);
    await ensureImage(missing, spec('img:1', 'IfNotPresent'));
    expect(missing.calls).toEqual(['inspect img:1', 'pull img:1']);
  });

  it('always pulls with Always', async () => {
    const fake = new FakeImages(['img:1']);
    await ensureImage(fake, spec('img:1', 'Always'));
    expect(fake.calls).toEqual(['pull img:1']);
  });

  it('reports a pull failure as image_not_found with the registry error', async () => {
    const fake = new FakeImages([], new Error('manifest unknown'));
    await expect(ensureImage(fake, spec('img:1', 'IfNotPresent'))).rejects.toMatchObject({
      reason: 'image_not_found',
      message: 'could not pull image img:1: manifest unknown',
    });
  });
});
