import { resolve } from 'node:path';
import { runCommand } from './cli';

/** scripts/build-agent-server-context runs this with tsx; see README.md next to src/. */
const ROOT = resolve(__dirname, '../../..');
// eslint-disable-next-line no-restricted-properties -- the command's one read of its environment
const env = process.env;
const { RUNTIME_API_URL, RUNTIME_API_KEY, BASE_IMAGE, BUILDER_IMAGE, AGENTRT_DIST_DIR } = env;

runCommand(
  process.argv.slice(2),
  { RUNTIME_API_URL, RUNTIME_API_KEY, BASE_IMAGE, BUILDER_IMAGE, AGENTRT_DIST_DIR },
  { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), root: ROOT },
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[agent-server-context] unexpected error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
