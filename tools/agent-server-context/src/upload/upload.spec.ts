import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssembledContext } from '../assemble';
import type { UploadSettings } from '../options';
import { redactingSink } from '../redact';
import { FakeRuntimeApi, type FakeRuntimeApiScript } from '../testing/fake-runtime-api';
import { type UploadResult, uploadAndFollow } from './upload';

const KEY = 'rt-key-that-must-never-be-printed';
const FAST = { pollIntervalMs: 20, maxPollFailures: 3 };

let dir: string;
let context: AssembledContext;
let api: FakeRuntimeApi | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentrt-upload-'));
  const path = join(dir, 'agent-server-abc1234-binary.tar.gz');
  // The fake checks the encoding and the gzip magic, not the archive; the command's own archive
  // is tested elsewhere.
  await writeFile(path, Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(2046)]));
  context = {
    path,
    fileName: 'agent-server-abc1234-binary.tar.gz',
    imageTag: 'abc1234-binary',
    revision: { sha7: 'abc1234', dirty: false, commitTime: 0 },
    bytes: 2048,
  };
});

afterEach(async () => {
  await api?.close();
  api = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function upload(
  script: Omit<FakeRuntimeApiScript, 'apiKey'>,
  extra: Partial<UploadSettings> = {},
) {
  api = await FakeRuntimeApi.start({ apiKey: KEY, ...script });
  let printed = '';
  const stderr = redactingSink({ write: (text: string) => (printed += text) }, KEY);
  const settings = { apiUrl: api.url, apiKey: KEY, buildArgs: {}, timeoutMs: 30_000, ...extra };
  let result: UploadResult | undefined;
  let error: string | undefined;
  try {
    result = await uploadAndFollow(context, 'binary', settings, stderr, FAST);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  return { result, error, printed, fake: api };
}

describe('uploading a context to the Runtime API (fake API server)', () => {
  it('sends the raw context (multipart), image, tag, target and build args, and returns the image', async () => {
    const { result, printed, fake } = await upload(
      {
        registryPrefix: 'localhost:5000/agentrt/',
        statuses: [
          { status: 'QUEUED' },
          { status: 'WORKING' },
          { status: 'SUCCESS', image: 'localhost:5000/agentrt/agent-server:abc1234-binary' },
        ],
        logLines: ['Step 1/9 : FROM node', 'Step 2/9 : RUN useradd', 'Successfully built 0123abcd'],
      },
      { buildArgs: { BASE_IMAGE: 'node:22-bookworm-slim' } },
    );
    expect(result).toEqual({
      ok: true,
      image: 'localhost:5000/agentrt/agent-server:abc1234-binary',
    });
    expect(fake.violations).toEqual([]);
    expect(fake.builds).toEqual([
      {
        context: expect.any(String),
        target_image: 'localhost:5000/agentrt/agent-server',
        tags: ['abc1234-binary'],
        target: 'binary',
        build_args: { BASE_IMAGE: 'node:22-bookworm-slim' },
      },
    ]);
    const sent = Buffer.from(String(fake.builds[0]?.['context']), 'base64');
    expect(sent.length).toBe(2048);
    // Plain progress (not a terminal): each status change and each log line, whole.
    expect(printed).toMatch(/\d\d:\d\d QUEUED\n/);
    expect(printed).toMatch(/\d\d:\d\d \| Step 2\/9 : RUN useradd\n/);
    expect(printed).toMatch(/\d\d:\d\d \| Successfully built 0123abcd\n/);
    expect(printed).toMatch(/SUCCESS localhost:5000\/agentrt\/agent-server:abc1234-binary\n$/);
    expect(printed).not.toContain(KEY);
  });

  it('resolves with the error when the build fails, and sends no build args when none are set', async () => {
    const { result, printed, fake } = await upload({
      statuses: [{ status: 'RUNNING' }, { status: 'FAILURE', error: `npm ci failed (key ${KEY})` }],
    });
    expect(result).toMatchObject({ ok: false });
    expect(printed).toContain('build build-fake-0001 ended FAILURE: npm ci failed (key ***)\n');
    expect(fake.builds[0]).not.toHaveProperty('build_args');
    expect(fake.builds[0]?.['target_image']).toBe('agent-server');
    // No log endpoint: said once, and the status is followed without it.
    expect(printed).toContain('build logs unavailable');
    expect(printed).toContain('WORKING');
    expect(printed).not.toContain(KEY);
  });

  it('uses --target-image without asking for the registry prefix', async () => {
    const { result, fake } = await upload(
      { statuses: [{ status: 'SUCCESS', image: 'registry.example/own:abc1234-binary' }] },
      { targetImage: 'registry.example/own' },
    );
    expect(result).toEqual({ ok: true, image: 'registry.example/own:abc1234-binary' });
    expect(fake.requests.map((r) => r.path)).not.toContain('/registry_prefix');
    expect(fake.builds[0]?.['target_image']).toBe('registry.example/own');
  });

  it("rejects with the API's detail and code when the build is refused", async () => {
    const { error, fake } = await upload({
      submitError: {
        status: 429,
        detail: 'too many builds queued for this key',
        code: 'rate_limited',
      },
      statuses: [],
    });
    expect(error).toBe(
      `POST ${fake.url}/build answered 429 (rate_limited: too many builds queued for this key)`,
    );
    expect(fake.violations).toEqual([]);
  });

  it('retries a status poll that failed with 503, then follows the build to its end', async () => {
    const { result, printed, fake } = await upload({
      statuses: [
        { status: 'WORKING' },
        { status: '', httpError: 503 },
        { status: 'SUCCESS', image: 'img:abc1234-binary' },
      ],
    });
    expect(result).toEqual({ ok: true, image: 'img:abc1234-binary' });
    expect(printed).toContain(
      `status poll failed (1/3), retrying: GET ${fake.url}/build_status?build_id=build-fake-0001 answered 503 (service_unavailable: scripted outage)`,
    );
  });

  it('gives up when the API keeps failing', async () => {
    const { error, fake } = await upload({ statuses: [{ status: '', httpError: 502 }] });
    expect(error).toBe(
      `GET ${fake.url}/build_status?build_id=build-fake-0001 answered 502 (service_unavailable: scripted outage)`,
    );
  });

  it('says when the API cannot be reached, without the key', async () => {
    const closed = await FakeRuntimeApi.start({ apiKey: KEY, statuses: [] });
    const url = closed.url;
    await closed.close();
    let printed = '';
    const settings = { apiUrl: url, apiKey: KEY, buildArgs: {}, timeoutMs: 5_000 };
    const sink = redactingSink({ write: (text: string) => (printed += text) }, KEY);
    await expect(uploadAndFollow(context, 'binary', settings, sink, FAST)).rejects.toThrow(
      `GET ${url}/registry_prefix failed: connect ECONNREFUSED`,
    );
    expect(printed).not.toContain(KEY);
  });
});
