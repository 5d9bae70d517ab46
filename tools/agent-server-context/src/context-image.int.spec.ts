import { inspectBuildContext } from '@agentrt/build-context';
import { FakeOpenAiServer, waitFor } from '@agentrt/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { runWebpack } from './bundle';
import {
  alive,
  buildFromArchive,
  docker,
  removeTestResources,
  startServer,
  TEST_LABEL,
} from './testing/docker-cli';
import { NodeServer } from './testing/node-server';
import { REPO_ROOT, runBuildCommand } from './testing/run-command';

const run = promisify(execFile);
const RUN = randomUUID().slice(0, 8);
const TAG = `it-${RUN}`;
const NODE_BASE = 'agentrt-local/node-base:bookworm';
const RUNTIME_IMAGE = 'agentrt/agent-server-runtime:dev';
/** Never pulled: a build that reached the builder stage would fail on it. */
const NO_BUILDER = 'agentrt-test/no-such-builder:none';
const TOOLS_BASE = `agentrt-test/agent-server-context-tools:${RUN}`;
// Inside the repo: the source build resolves webpack and node_modules from the repo above it.
const WORK = join(REPO_ROOT, 'tmp', `agent-server-context-test-${RUN}`);
const EXTRACTED = join(WORK, 'extract');

let archive = '';
let imageLabel = '';

async function entriesOf(path: string): Promise<string[]> {
  return (await run('tar', ['-tzf', path], { maxBuffer: 16 * 1024 * 1024 })).stdout
    .split('\n')
    .filter(Boolean);
}

async function exec(container: string, script: string): Promise<string> {
  return docker('exec', container, 'sh', '-c', script);
}

/** A base with tmux, git, bash and ps but no agent server: the runtime image minus /app. */
async function buildToolsBase(): Promise<void> {
  const present = await docker('images', '-q', RUNTIME_IMAGE);
  if (!present) {
    // A fresh machine: scripts/test builds it first; alone, this test builds it the same way.
    await run('bash', [join(REPO_ROOT, 'scripts/build-runtime-image.sh')], {
      timeout: 15 * 60_000,
      maxBuffer: 64 * 1024 ** 2,
    });
  }
  const dockerfile = `FROM ${RUNTIME_IMAGE}\nUSER 0\nRUN rm -rf /app\n`;
  await run(
    'sh',
    ['-c', 'printf %s "$DOCKERFILE" | docker build -q --label "$LABEL" -t "$TAG" -'],
    {
      env: { PATH: '/usr/bin:/bin', DOCKERFILE: dockerfile, LABEL: TEST_LABEL, TAG: TOOLS_BASE },
    },
  );
}

beforeAll(async () => {
  await mkdir(WORK, { recursive: true });
  // Upload settings are present on purpose: --no-upload must win over them.
  const assembled = await runBuildCommand(
    ['--target', 'binary', '--tag', TAG, '--output', WORK, '--no-upload'],
    { RUNTIME_API_URL: 'http://127.0.0.1:9', RUNTIME_API_KEY: 'unused-key' },
  );
  if (assembled.code !== 0) throw new Error(`assembly failed: ${assembled.stderr}`);
  archive = assembled.stdout.trim();
  await mkdir(EXTRACTED, { recursive: true });
  await run('tar', ['-xzf', archive, '-C', EXTRACTED]);
  imageLabel = `org.opencontainers.image.version=${basename(archive).replace(/^agent-server-|\.tar\.gz$/g, '')}`;
}, 300_000);

afterAll(async () => {
  await removeTestResources(imageLabel);
  await docker('rmi', '-f', TOOLS_BASE).catch(() => undefined);
  await rm(WORK, { recursive: true, force: true });
  expect(await docker('images', '-aq', '--filter', `label=${imageLabel}`)).toBe('');
}, 120_000);

describe('the assembled agent-server context', () => {
  it('is named agent-server-<sha7>-<tag>.tar.gz after HEAD and is all the command prints', async () => {
    const head = (await run('git', ['-C', REPO_ROOT, 'rev-parse', 'HEAD'])).stdout.slice(0, 7);
    expect(archive).toBe(join(WORK, basename(archive)));
    expect(basename(archive)).toMatch(
      new RegExp(`^agent-server-${head}(-dirty)?-${TAG}\\.tar\\.gz$`),
    );
  });

  it('holds the Dockerfile, instructions, lockfile, sources and bundle, and no tests', async () => {
    const entries = await entriesOf(archive);
    expect(entries).toEqual(
      expect.arrayContaining([
        'Dockerfile',
        'BUILD_INSTRUCTIONS.md',
        'package.json',
        'package-lock.json',
        'tsconfig.base.json',
        'binary/agent-server.js',
        'tools/agent-server-context/standalone.webpack.js',
        'apps/agent-server/src/main.ts',
        'libs/contracts/src/index.ts',
        'libs/platform/src/index.ts',
        'libs/tmux/src/index.ts',
      ]),
    );
    expect(
      entries.filter((path) => /\.spec\.ts$|(^|\/)testing\/|\.testing\.ts$/.test(path)),
    ).toEqual([]);
    const summary = await inspectBuildContext(await readFile(archive));
    expect(summary).toMatchObject({ dockerfile: 'Dockerfile', entries: entries.length });
  });

  it('has a Dockerfile with the four targets and BASE_IMAGE, binary ones before the builder', async () => {
    const dockerfile = await readFile(join(EXTRACTED, 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map(
      (m) => `${m[2]}<-${m[1]}`,
    );
    expect(stages).toEqual([
      'minimal-base<-${BASE_IMAGE}',
      'binary-minimal<-minimal-base',
      'tools-base<-minimal-base',
      'binary<-tools-base',
      'source-build<-${BUILDER_IMAGE}',
      'source-minimal<-minimal-base',
      'source<-tools-base',
    ]);
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=/m);
    const lockfile = await readFile(join(EXTRACTED, 'package-lock.json'));
    expect(lockfile.equals(await readFile(join(REPO_ROOT, 'package-lock.json')))).toBe(true);
  });
});

describe('images built from the context, offline (no network, builder image absent)', () => {
  it('binary-minimal: on the bare node base, serves /alive as uid 1000 without node_modules', async () => {
    const image = `agentrt-test/agent-server-context:${RUN}-binary-minimal`;
    await buildFromArchive(
      archive,
      image,
      { BASE_IMAGE: NODE_BASE, BUILDER_IMAGE: NO_BUILDER },
      'binary-minimal',
    );
    const server = await startServer(image);
    expect(await alive(server.url)).toEqual({ status: 'ok' });
    expect(await exec(server.id, 'id -u; id -g; pwd')).toBe('1000\n1000\n/workspace');
    // Node images carry npm in /usr/local/lib/node_modules; nothing else may have any.
    const find =
      "find / -xdev -name node_modules -type d -not -path '/usr/local/lib/node_modules*'";
    expect(await exec(server.id, `${find} | wc -l`)).toBe('0');
  }, 180_000);

  it('binary: on a base with the tools, serves /alive with tmux, git, bash and ps as uid 1000', async () => {
    await buildToolsBase();
    const image = `agentrt-test/agent-server-context:${RUN}-binary`;
    await buildFromArchive(
      archive,
      image,
      { BASE_IMAGE: TOOLS_BASE, BUILDER_IMAGE: NO_BUILDER },
      'binary',
    );
    const server = await startServer(image);
    expect(await alive(server.url)).toEqual({ status: 'ok' });
    const tools = await exec(
      server.id,
      'tmux -V; git --version; bash -c "echo bash"; ps -o uid=,comm= -p 1',
    );
    expect(tools).toMatch(/^tmux \d.*\ngit version \d.*\nbash\n\s*1000 node$/);
    const workspace =
      'cd /workspace && git init -q repo && stat -c %u repo; test -e /app || echo no-app';
    expect(await exec(server.id, workspace)).toBe('1000\nno-app');
  }, 900_000);
});

describe('the sources in the context (what the source targets compile)', () => {
  it('compile like the builder stage does and serve /alive with node_modules', async () => {
    await runWebpack({
      root: EXTRACTED,
      mode: 'source',
      outputDir: join(WORK, 'source-out'),
      modulesRoot: REPO_ROOT,
    });
    const server = await NodeServer.start(join(WORK, 'source-out/main.js'), WORK, {
      WORKSPACE_DIR: join(WORK, 'workspace-source'),
    });
    try {
      expect(await alive(server.url)).toEqual({ status: 'ok' });
    } finally {
      await server.stop();
    }
  }, 180_000);
});

/** Folders from `dir` up to `/` holding a node_modules that node's resolution would find. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) found.push(at);
    if (dirname(at) === at) return found;
  }
}

describe('the standalone bundle', () => {
  const LLM_KEY = 'sk-fake-key-for-the-bundle';

  it('runs an agent turn against an LLM with no node_modules anywhere above it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentrt-bundle-'));
    const llm = await FakeOpenAiServer.start({ model: 'fake-model', apiKey: LLM_KEY });
    let server: NodeServer | undefined;
    try {
      expect(nodeModulesAbove(dir)).toEqual([]);
      await copyFile(join(EXTRACTED, 'binary/agent-server.js'), join(dir, 'agent-server.js'));
      server = await NodeServer.start(join(dir, 'agent-server.js'), dir, {
        WORKSPACE_DIR: join(dir, 'workspace'),
        HOME: dir,
      });
      llm.enqueue({ text: 'Hello from the bundle' });
      const api = server.url;
      const created = await fetch(`${api}/api/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          agent: {
            kind: 'Agent',
            llm: { model: 'litellm_proxy/fake-model', api_key: LLM_KEY, base_url: llm.baseUrl },
            tools: [],
          },
          workspace: { kind: 'LocalWorkspace', working_dir: join(dir, 'workspace') },
          initial_message: { role: 'user', content: [{ type: 'text', text: 'hi' }], run: true },
        }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const status = await waitFor(
        async () => {
          const info = (await (await fetch(`${api}/api/conversations/${id}`)).json()) as {
            execution_status: string;
          };
          return info.execution_status !== 'running' && info.execution_status;
        },
        { timeoutMs: 30_000, description: 'the agent turn to end' },
      );
      expect({ status, violations: llm.violations, requests: llm.requests.length }).toEqual({
        status: 'finished',
        violations: [],
        requests: 1,
      });
    } finally {
      await server?.stop();
      await llm.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
