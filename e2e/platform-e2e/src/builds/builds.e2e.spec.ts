import { execFileSync } from 'node:child_process';
import { BuildClient, dockerContext } from './build-client';
import { BASE_IMAGE, BuildDeployment, manifestDigest, REGISTRY } from './build-deployment';

/** builds.md end to end: real Redis, real Docker engine, real local registry. */
describe('builds through /build (runtime-api + build-service)', () => {
  let deployment: BuildDeployment;
  let client: BuildClient;

  beforeAll(async () => {
    deployment = await BuildDeployment.start();
    client = new BuildClient(deployment.url, deployment.apiKey);
  }, 60_000);
  afterAll(() => deployment?.tearDown(), 60_000);

  const marker = () => Math.random().toString(16).slice(2);

  it('builds a JSON-encoded context, pushes it, and the image pulls back from the registry', async () => {
    const id = marker();
    const context = await dockerContext(
      'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY hello.txt /hello.txt\nRUN echo built-' + id + '\n',
      { 'hello.txt': `hello ${id}\n` },
    );
    const buildId = await client.build(context, {
      target_image: `${REGISTRY}/${deployment.namespace}/json`,
      tags: ['v1', 'latest'],
      build_args: { BASE_IMAGE },
    });
    expect(buildId).toMatch(/^b-[0-9a-f]{20}$/);

    const done = await client.until(buildId, ['SUCCESS', 'FAILURE', 'INTERNAL_ERROR'], 120_000);
    const image = `${REGISTRY}/${deployment.namespace}/json:v1`;
    expect(done).toMatchObject({ status: 'SUCCESS', image });
    expect(done.image_digest).toBe(await manifestDigest(`${deployment.namespace}/json`, 'v1'));
    expect(await manifestDigest(`${deployment.namespace}/json`, 'latest')).toBe(done.image_digest);
    expect(await client.logs(buildId)).toContain(`built-${id}`);

    // Gone from the engine, then pulled back from the registry: the push really happened.
    execFileSync('docker', ['rmi', '-f', image, `${REGISTRY}/${deployment.namespace}/json:latest`]);
    execFileSync('docker', ['pull', '-q', image]);
    const content = execFileSync('docker', ['run', '--rm', image, 'cat', '/hello.txt']).toString();
    expect(content).toBe(`hello ${id}\n`);
  }, 180_000);

  it.each([
    ['base64 text', false],
    ['raw tar.gz bytes', true],
  ])(
    'builds a multipart context sent as %s, with repeated and comma-separated tags',
    async (_, raw) => {
      const id = marker();
      const context = await dockerContext(`FROM ${BASE_IMAGE}\nRUN echo multipart-${id}\n`);
      const repo = `${REGISTRY}/${deployment.namespace}/form`;
      const response = await client.submitForm(
        context,
        {
          target_image: `${repo}:${id}`,
          tags: [`${repo}:${id}-a`, `${repo}:${id}-b,${repo}:${id}-c`],
        },
        raw,
      );
      expect(response.status).toBe(200);
      const { build_id } = (await response.json()) as { build_id: string };

      const done = await client.until(build_id, ['SUCCESS', 'FAILURE', 'INTERNAL_ERROR'], 120_000);
      expect(done).toMatchObject({ status: 'SUCCESS', image: `${repo}:${id}` });
      for (const tag of [id, `${id}-a`, `${id}-b`, `${id}-c`]) {
        expect(await manifestDigest(`${deployment.namespace}/form`, tag)).toBe(done.image_digest);
      }
    },
    180_000,
  );

  it('answers an identical build from the cache at once, without building again', async () => {
    const id = marker();
    const context = await dockerContext(`FROM ${BASE_IMAGE}\nRUN echo cached-${id}\n`);
    const fields = { target_image: `${REGISTRY}/${deployment.namespace}/cache:${id}` };
    const first = await client.build(context, fields);
    const built = await client.until(first, ['SUCCESS', 'FAILURE'], 120_000);
    expect(built.status).toBe('SUCCESS');

    const second = await client.build(context, fields);
    expect(second).not.toBe(first);
    const hit = await client.status(second);
    expect(hit).toMatchObject({ status: 'SUCCESS', image: built.image, cached: true });
    expect(hit.image_digest).toBe(built.image_digest);
    expect(await client.logs(second)).toBe('');

    // Different options are a different build.
    const other = await client.build(context, { target_image: `${fields.target_image}-other` });
    expect((await client.status(other)).cached).toBeUndefined();
    await client.until(other, ['SUCCESS'], 120_000);
  }, 240_000);

  it('builds again when the cached image was deleted from the registry since', async () => {
    const id = marker();
    const context = await dockerContext(`FROM ${BASE_IMAGE}\nRUN echo gone-${id}\n`);
    const fields = { target_image: `${REGISTRY}/${deployment.namespace}/gone:${id}` };
    const first = await client.until(await client.build(context, fields), ['SUCCESS'], 120_000);
    await fetch(
      `http://${REGISTRY}/v2/${deployment.namespace}/gone/manifests/${first.image_digest}`,
      { method: 'DELETE' },
    );

    const again = await client.build(context, fields);
    expect((await client.status(again)).cached).toBeUndefined();
    const rebuilt = await client.until(again, ['SUCCESS', 'FAILURE'], 120_000);
    expect(rebuilt.status).toBe('SUCCESS');
    expect(await manifestDigest(`${deployment.namespace}/gone`, id)).toBe(rebuilt.image_digest);
  }, 240_000);

  it('ends a build whose RUN step fails in FAILURE, with the failing line in error and log', async () => {
    const id = marker();
    const context = await dockerContext(
      `FROM ${BASE_IMAGE}\nRUN echo about-to-fail-${id} && exit 3\n`,
    );
    const buildId = await client.build(context, {
      target_image: `${REGISTRY}/${deployment.namespace}/failing:${id}`,
    });
    const failed = await client.until(buildId, ['SUCCESS', 'FAILURE', 'INTERNAL_ERROR'], 120_000);
    expect(failed.status).toBe('FAILURE');
    expect(failed.error).toMatch(/returned a non-zero code: 3/);
    const log = await client.logs(buildId);
    expect(log).toContain(`about-to-fail-${id}`);
    expect(log).toContain('[agentrt] build ended FAILURE');
    // A failing Dockerfile is not retried: one attempt only.
    expect(log.match(/started on/g)).toHaveLength(1);
  }, 180_000);

  it('streams the log while the build runs with follow, ending when the build does', async () => {
    const id = marker();
    const context = await dockerContext(
      `FROM ${BASE_IMAGE}\nRUN for i in 1 2 3; do echo tick-$i-${id}; sleep 1; done\n`,
    );
    const buildId = await client.build(context, {
      target_image: `${REGISTRY}/${deployment.namespace}/follow:${id}`,
    });
    const followed = await client.logs(buildId, true);
    expect(followed).toContain(`tick-3-${id}`);
    expect(followed).toMatch(/\[agentrt\] pushed /);
    expect((await client.status(buildId)).status).toBe('SUCCESS');
  }, 180_000);
});
