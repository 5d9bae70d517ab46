import { waitFor } from '@agentrt/testing';
import {
  BASE_IMAGE,
  DOCKER_SOCKET,
  containersMentioning,
  contextOf,
  docker,
  uniqueName,
} from './build-fixtures.testing';
import { DockerImageBuilder } from './docker-image-builder';
import { ImageBuildError } from './image-build-error';

const builder = new DockerImageBuilder({ docker: DOCKER_SOCKET });
const TWO_STAGES = `ARG BASE_IMAGE
FROM \${BASE_IMAGE} AS base
ARG GREETING
COPY hello.txt /hello.txt
RUN echo "$GREETING $(cat /hello.txt)" > /greeting.txt
FROM base AS final
RUN echo final > /stage.txt
`;

describe('DockerImageBuilder.build (real engine)', () => {
  let name: string;
  let logs: string[];
  const onLog = (line: string): void => void logs.push(line);

  beforeEach(() => {
    name = uniqueName();
    logs = [];
  });

  afterEach(async () => {
    for (const id of await containersMentioning(name)) await docker('rm', '-f', id);
    for (const suffix of ['a', 'b']) await builder.remove(`agentrt-test/${name}:${suffix}`);
  });

  const build = async (files: Record<string, string>, extra: object = {}) =>
    builder.build({
      context: await contextOf(files),
      tags: [`agentrt-test/${name}:a`],
      buildArgs: { BASE_IMAGE },
      timeoutMs: 60_000,
      onLog,
      ...extra,
    });

  const failureOf = (promise: Promise<unknown>): Promise<ImageBuildError> =>
    promise.then(
      () => Promise.reject(new Error('expected the build to fail')),
      (error: unknown) => (error instanceof ImageBuildError ? error : Promise.reject(error)),
    );

  it('builds an image that runs, with build args, every tag and the labels', async () => {
    const result = await build(
      { Dockerfile: TWO_STAGES, 'hello.txt': name },
      {
        tags: [`agentrt-test/${name}:a`, `agentrt-test/${name}:b`],
        buildArgs: { BASE_IMAGE, GREETING: 'hello' },
        labels: { 'io.agentrt.test': name },
      },
    );
    expect(result.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.sizeBytes).toBeGreaterThan(1_000_000);
    const tagB = `agentrt-test/${name}:b`;
    expect(await docker('run', '--rm', tagB, 'cat', '/greeting.txt', '/stage.txt')).toBe(
      `hello ${name}\nfinal`,
    );
    expect(await docker('image', 'inspect', tagB, '--format', '{{.Id}}')).toBe(result.imageId);
    const label = '{{index .Config.Labels "io.agentrt.test"}}';
    expect(await docker('image', 'inspect', tagB, '--format', label)).toBe(name);
    expect(logs).toEqual(expect.arrayContaining([expect.stringMatching(/^Step 5\/8 : RUN echo/)]));
    expect(logs.filter((line) => line.startsWith('{') || line.includes('\u001b'))).toEqual([]);
  }, 90_000);

  it('stops at the target stage', async () => {
    await build({ Dockerfile: TWO_STAGES, 'hello.txt': name }, { target: 'base' });
    const script = 'test ! -e /stage.txt && cat /hello.txt';
    expect(await docker('run', '--rm', `agentrt-test/${name}:a`, 'sh', '-c', script)).toBe(name);
  }, 90_000);

  it('reports a failing RUN as a permanent build_failed naming the step', async () => {
    const error = await failureOf(
      build({ Dockerfile: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nRUN false # ${name}\n` }),
    );
    expect(error).toMatchObject({ kind: 'build_failed', transient: false });
    expect(error.message).toContain(`RUN false # ${name}`);
    expect(error.message).toContain('returned a non-zero code: 1');
    expect(logs.at(-1)).toMatch(/^ERROR: .*non-zero code: 1/);
  }, 60_000);

  it('reports a missing Dockerfile as build_failed', async () => {
    const error = await failureOf(build({ 'hello.txt': name }, { dockerfile: 'Other.Dockerfile' }));
    expect(error).toMatchObject({ kind: 'build_failed', transient: false });
    expect(error.message).toMatch(/Other\.Dockerfile|Dockerfile/);
  });

  it('stops a build that exceeds its timeout and leaves no build container', async () => {
    const started = Date.now();
    const error = await failureOf(
      build(
        { Dockerfile: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nRUN echo ${name} && sleep 30\n` },
        { timeoutMs: 2_000 },
      ),
    );
    expect(error).toMatchObject({ kind: 'timeout', transient: false });
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(async () => (await containersMentioning(name)).length === 0, {
      timeoutMs: 20_000,
      description: 'the RUN container to be gone',
    });
  }, 60_000);

  it('cancels a running build through the AbortSignal', async () => {
    const controller = new AbortController();
    const cancelling = (line: string): void => {
      logs.push(line);
      if (line === `started ${name}`) controller.abort();
    };
    const error = await failureOf(
      build(
        {
          Dockerfile: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nRUN echo started ${name} && sleep 30\n`,
        },
        { signal: controller.signal, onLog: cancelling },
      ),
    );
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(logs).toContain(`started ${name}`);
    await waitFor(async () => (await containersMentioning(name)).length === 0, {
      timeoutMs: 20_000,
      description: 'the RUN container to be gone',
    });
  }, 60_000);

  it('reports an unreachable engine as a transient engine_unavailable', async () => {
    const offline = new DockerImageBuilder({ docker: `/tmp/${name}-no-such.sock` });
    const error = await failureOf(
      offline.build({
        context: await contextOf({ Dockerfile: 'FROM scratch\n' }),
        tags: [`agentrt-test/${name}:a`],
        timeoutMs: 5_000,
        onLog,
      }),
    );
    expect(error).toMatchObject({ kind: 'engine_unavailable', transient: true });
  });
});
