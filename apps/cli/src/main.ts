import { join } from 'node:path';
import { runCli } from './cli';

/**
 * Process wiring only: argv, the environment, the streams, Ctrl-C. The first Ctrl-C asks the
 * running command to stop (it says what is left running); a second one ends the process.
 */
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

void runCli(
  process.argv.slice(2),
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  process.env,
  {
    stdout: process.stdout,
    stderr: process.stderr,
    interrupt: interrupt.signal,
    // The bundle sits at <dist>/cli/main.js, next to <dist>/agent-server/main.js.
    bundledAgentServer: [process.execPath, join(__dirname, '..', 'agent-server', 'main.js')],
  },
).then((code) => {
  process.exitCode = code;
});
