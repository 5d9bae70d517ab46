import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { waitFor } from '@agentrt/testing';
import { E2E } from '../support/e2e-env';
import { LoopStack } from './loop-stack';

interface Started {
  child: ChildProcess;
  runtime: { id: string; type: string; url: string };
  stderr: string[];
}

/** The fixture program under tsx, with the SDK configured by its environment only. */
async function startProgram(
  mode: 'exit' | 'signal',
  env: Record<string, string>,
): Promise<Started> {
  const root = E2E.workspaceRoot;
  const child = spawn(
    join(root, 'node_modules/.bin/tsx'),
    [
      '--tsconfig',
      join(root, 'e2e/platform-e2e/tsconfig.spec.json'),
      join(__dirname, 'fixtures/exit-without-cleanup.ts'),
      mode,
    ],
    { cwd: root, env: { PATH: E2E.path, HOME: '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const [line] = (await Promise.race([
    once(child.stdout ?? child, 'data'),
    once(child, 'exit').then(() => {
      throw new Error(`the program ended before starting a runtime: ${stderr.join('')}`);
    }),
  ])) as [Buffer];
  return { child, runtime: JSON.parse(line.toString()) as Started['runtime'], stderr };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/alive`, { signal: AbortSignal.timeout(1_000) })).status < 500;
  } catch {
    return false;
  }
}

describe('the SDK cleans up its runtimes when the program exits without cleaning up', () => {
  let stack: LoopStack;

  beforeAll(async () => {
    stack = await LoopStack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.tearDown();
  });

  it.each([
    ['exits (process.exit)', 'exit', undefined],
    ['gets SIGTERM', 'signal', 'SIGTERM'],
  ] as const)(
    'leaves no remote runtime when the program %s',
    async (_what, mode, signal) => {
      const program = await startProgram(mode, stack.env(true));
      expect(program.runtime.type).toBe('remote');
      expect(await stack.liveRuntimes()).toContain(program.runtime.id);
      if (signal) program.child.kill(signal);
      const [code] = (await once(program.child, 'exit')) as [number | null];
      expect(code).toBe(signal ? 143 : 0);
      expect(await stack.liveRuntimes()).toEqual([]);
    },
    90_000,
  );

  it('leaves no local agent server when the program gets SIGINT', async () => {
    const program = await startProgram('signal', stack.env(false));
    expect(program.runtime.type).toBe('local');
    expect(await answers(program.runtime.url)).toBe(true);
    program.child.kill('SIGINT');
    const [code] = (await once(program.child, 'exit')) as [number | null];
    expect(code).toBe(130);
    await waitFor(async () => !(await answers(program.runtime.url)), {
      description: 'the local agent server gone',
    });
  }, 90_000);
});
