import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The webpack config the host and the image's builder stage both use (see its header). */
export const WEBPACK_CONFIG = 'tools/agent-server-context/standalone.webpack.js';

export type BundleMode = 'bundle' | 'source';

/**
 * Runs webpack on the repo's agent server: `bundle` writes `<outputDir>/agent-server.js` with
 * every dependency inside, `source` writes `<outputDir>/main.js` that requires node_modules.
 * `root` is where apps/ and libs/ are (the repo, or an unpacked context). Resolves with
 * webpack's own summary; rejects with its output when the build fails.
 */
export async function runWebpack(options: {
  root: string;
  mode: BundleMode;
  outputDir: string;
  /** Where node_modules (webpack-cli) are found; default `root`. */
  modulesRoot?: string;
}): Promise<string> {
  const cli = join(options.modulesRoot ?? options.root, 'node_modules/webpack-cli/bin/cli.js');
  const args = [
    cli,
    '--config',
    join(options.root, WEBPACK_CONFIG),
    '--env',
    `mode=${options.mode}`,
    '--env',
    `root=${options.root}`,
    '--env',
    `outputPath=${options.outputDir}`,
  ];
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: options.root,
      maxBuffer: 32 * 1024 * 1024,
      timeout: 10 * 60_000,
    });
    return `${stdout}${stderr}`.trim();
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}${stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`webpack (${options.mode}) failed:\n${output}`, { cause: error });
  }
}
