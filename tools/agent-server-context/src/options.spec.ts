import { parseCommand, UsageError } from './options';

const ROOT = '/repo';
const parse = (argv: string[], env = {}) => parseCommand(argv, env, ROOT, '/home/me');

describe('the command line', () => {
  it('defaults to the binary target, tagged after it, in dist/agent-server-context, no upload', () => {
    expect(parse([])).toEqual({
      kind: 'run',
      options: {
        target: 'binary',
        tag: 'binary',
        outputDir: '/repo/dist/agent-server-context',
        upload: undefined,
      },
    });
  });

  it('writes under AGENTRT_DIST_DIR when set, and resolves --output against the caller', () => {
    const inDist = parse(['--target', 'source-minimal'], { AGENTRT_DIST_DIR: '/repo/tmp/dist-x' });
    expect(inDist).toMatchObject({
      options: { target: 'source-minimal', outputDir: '/repo/tmp/dist-x/agent-server-context' },
    });
    expect(parse(['--output', 'out', '--tag', 'nightly'])).toMatchObject({
      options: { tag: 'nightly', outputDir: '/home/me/out' },
    });
  });

  it('uploads when both RUNTIME_API_URL and RUNTIME_API_KEY are set, with BASE_IMAGE as a build arg', () => {
    const env = {
      RUNTIME_API_URL: 'https://rt.example/api/',
      RUNTIME_API_KEY: 'k',
      BASE_IMAGE: 'node:22',
    };
    expect(parse(['--timeout', '5', '--target-image', 'reg/agent'], env)).toMatchObject({
      options: {
        upload: {
          apiUrl: 'https://rt.example/api',
          apiKey: 'k',
          targetImage: 'reg/agent',
          buildArgs: { BASE_IMAGE: 'node:22' },
          timeoutMs: 300_000,
        },
      },
    });
    expect(parse(['--no-upload'], env)).toMatchObject({ options: { upload: undefined } });
  });

  it('refuses half an API configuration, an unknown target, a bad tag and unknown flags', () => {
    expect(() => parse([], { RUNTIME_API_URL: 'http://x' })).toThrow(
      new UsageError(
        'set both RUNTIME_API_URL and RUNTIME_API_KEY to upload (or pass --no-upload to only assemble)',
      ),
    );
    expect(() => parse(['--target', 'full'])).toThrow(
      /--target must be one of binary, binary-minimal, source, source-minimal/,
    );
    expect(() => parse(['--tag', 'a/b'])).toThrow(/--tag must be an image tag/);
    expect(() => parse(['--verbose'])).toThrow(UsageError);
    expect(() =>
      parse(['--timeout', '0'], { RUNTIME_API_URL: 'http://x', RUNTIME_API_KEY: 'k' }),
    ).toThrow(/--timeout/);
  });

  it('answers --help', () => {
    expect(parse(['--help', '--target', 'nonsense'])).toEqual({ kind: 'help' });
  });
});
