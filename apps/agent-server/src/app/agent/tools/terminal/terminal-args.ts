import { z } from 'zod';

/** The `terminal` tool's arguments: the OpenHands SDK's TerminalAction fields. */
export const TerminalArgsSchema = z.object({
  command: z
    .string()
    .describe(
      'The bash command to run. One command at a time; chain several with `&&` or `;`. ' +
        'Multi-line scripts and heredocs work.',
    ),
  is_input: z
    .boolean()
    .nullish()
    .describe(
      'Send the command as input to a still-running process. Commands here never keep running ' +
        'past their timeout, so leave this false.',
    ),
  timeout: z
    .number()
    .min(0)
    .nullish()
    .describe(
      'Seconds the command may run before it is interrupted (Ctrl-C, then its processes are ' +
        'killed). Raise it for installs, builds and test suites.',
    ),
  reset: z
    .boolean()
    .nullish()
    .describe(
      'Start a fresh shell (losing cd, exported variables and background jobs) before running ' +
        'the command. Only for a terminal that stopped responding.',
    ),
});
export type TerminalArgs = z.infer<typeof TerminalArgsSchema>;

export const TERMINAL_DESCRIPTION = `Runs a bash command in a persistent shell and returns its output.
* The shell persists between calls: the working directory, exported variables and background jobs stay.
* Each call reports the exit code and the working directory afterwards.
* A command that outlives its timeout is interrupted: Ctrl-C first, then every process it started is killed. Start long-lived programs (servers) in the background with their output redirected to a file, e.g. \`python3 app.py > server.log 2>&1 &\`.
* Commands cannot be typed into interactively; give programs their input through pipes, files or flags (e.g. \`apt-get install -y ...\`). Pagers are off (\`PAGER=cat\`).
* Very long output is shortened, keeping its beginning and end; redirect it to a file and use grep, head or tail to look through it.`;
