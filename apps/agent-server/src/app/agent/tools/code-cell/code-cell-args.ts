import { z } from 'zod';

/** The `execute_ipython_cell` tool's arguments: OpenHands' IPythonRunCellAction, plus controls. */
export const CodeCellArgsSchema = z.object({
  code: z
    .string()
    .describe(
      'The Python code to run. Variables, imports and definitions stay for later cells. ' +
        'The value of a last bare expression is shown, as in IPython.',
    ),
  timeout: z
    .number()
    .min(0)
    .nullish()
    .describe(
      'Seconds the cell may run before it is interrupted (KeyboardInterrupt). Raise it for long ' +
        'computations.',
    ),
  restart: z
    .boolean()
    .nullish()
    .describe(
      'Start a fresh interpreter (losing every variable and import) before running `code`; ' +
        '`code` may then be empty. Only when the interpreter is in a bad state.',
    ),
});
export type CodeCellArgs = z.infer<typeof CodeCellArgsSchema>;

export const CODE_CELL_DESCRIPTION = `Runs Python code in a persistent python3 interpreter, like a Jupyter/IPython cell.
* State persists between cells: variables, imports, function definitions and the working directory stay.
* Output printed by the cell (stdout and stderr, including programs it starts) is returned; an exception shows its traceback; the value of a last bare expression is shown, as IPython does.
* The interpreter starts in the conversation's working directory with its environment variables. Input cannot be typed in: \`input()\` gets end of file.
* A cell that outlives its timeout gets KeyboardInterrupt; one that still does not stop is killed with its interpreter, and every variable is lost.
* Very long output is shortened, keeping its beginning and end.
* IPython magics (\`%pip\`, \`!ls\`) are not available: use the terminal tool for shell commands and installs.`;
