import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeManager } from '../../manager/runtime-manager';
import type { RuntimeSpec } from '../../runtime-backend';
import { LocalBackend } from '../local-backend';
import type { LocalBackendOptions } from '../local-backend-options';

/** The port the specs declare; the backend maps it to a free loopback port. */
export const SPEC_PORT = 60000;

/**
 * A stand-in agent server: marks its workspace when it starts, answers /alive, and exits with
 * code 3 on /exit (a crash on demand).
 */
const SERVER = `const http = require('node:http');
require('node:fs').writeFileSync(process.env.WORKSPACE_DIR + '/server-was-here', 'yes');
http.createServer((req, res) => {
  if (req.url === '/exit') { res.end('bye'); setImmediate(() => process.exit(3)); return; }
  res.statusCode = req.url === '/alive' ? 200 : 404; res.end('ok');
}).listen(Number(process.env.PORT), process.env.HOST);`;

/** A temp root, an owner of its own and the server script, for one local backend test. */
export class LocalFixture {
  readonly owner = `test-${randomUUID()}`;

  private constructor(readonly dir: string) {}

  /** The dir is world-readable so runtimes running as another user reach the server script. */
  static async create(): Promise<LocalFixture> {
    const dir = await mkdtemp(join(tmpdir(), 'agentrt-local-'));
    await chmod(dir, 0o755);
    await writeFile(join(dir, 'server.js'), SERVER);
    return new LocalFixture(dir);
  }

  get root(): string {
    return join(this.dir, 'root');
  }

  backend(options: Partial<LocalBackendOptions> = {}): LocalBackend {
    return new LocalBackend({
      root: this.root,
      owner: this.owner,
      agentServerCommand: [process.execPath, join(this.dir, 'server.js')],
      // A fixed PATH: runtimes get no inherited environment, and tests read none.
      baseEnvironment: { PATH: '/usr/local/bin:/usr/bin:/bin' },
      stopGraceMs: 2_000,
      ...options,
    });
  }

  spec(overrides: Partial<RuntimeSpec> = {}): RuntimeSpec {
    const runtimeId = `rt-${randomUUID().slice(0, 8)}`;
    return {
      runtimeId,
      sessionId: `s-${runtimeId}`,
      image: 'ignored',
      command: [],
      environment: {},
      ports: [SPEC_PORT],
      resourceFactor: 1,
      pullPolicy: 'Never',
      labels: {},
      readiness: { port: SPEC_PORT, path: '/alive', timeoutMs: 10_000 },
      ...overrides,
    };
  }

  /** Removes every runtime this owner holds, then the temp dir; safe after a failed test. */
  async cleanup(): Promise<void> {
    await new RuntimeManager([this.backend()]).sweep(new Set());
    await rm(this.dir, { recursive: true, force: true });
  }
}
