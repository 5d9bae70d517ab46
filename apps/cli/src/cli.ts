import { ApiCallError, ClientConfigError, loadClientConfig } from '@agentrt/client';
import type { ClientConfig } from '@agentrt/client';
import type { CliIo } from './cli-io';
import { COMMANDS } from './commands';
import { CliError, ConfigError, ExitCode, UsageError, exitCodeOf, messageOf } from './exit-codes';
import { commandUsage } from './usage';
import { Output } from './output';
import { parseInvocation } from './parse';

/**
 * The whole CLI as a function: `argv` without `node main.js`, the environment, and the process's
 * streams. Returns the exit code; never calls `process.exit`, so tests run it in-process.
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<ExitCode> {
  // Before the flags are parsed, a failure still answers in the format the caller asked for.
  let out = new Output(io, argv.includes('--json'));
  try {
    const invocation = parseInvocation(argv, COMMANDS);
    if (invocation.kind === 'help') {
      io.stdout.write(`${invocation.text}\n`);
      return ExitCode.Ok;
    }
    out = new Output(io, invocation.flags['json'] === true);
    const { command, path, flags, positionals } = invocation;
    try {
      return await command.run({ io, out, flags, positionals, config: loadConfig(env) });
    } catch (error) {
      // A bad flag value found by the command: show its usage, as for a flag parseArgs refused.
      if (error instanceof UsageError && !(error instanceof ConfigError) && !error.usage) {
        throw new UsageError(error.message, error.problems, commandUsage(path, command));
      }
      throw error;
    }
  } catch (error) {
    return report(error, out);
  }
}

function loadConfig(env: Readonly<Record<string, string | undefined>>): ClientConfig {
  try {
    return loadClientConfig({ ...env });
  } catch (error) {
    if (error instanceof ClientConfigError) {
      throw new ConfigError('invalid configuration (environment variables)', error.problems);
    }
    throw error;
  }
}

/** Prints what went wrong (never a secret: only server error bodies and our own messages). */
function report(error: unknown, out: Output): ExitCode {
  const exitCode = exitCodeOf(error);
  const message = describe(error);
  const document: Record<string, unknown> = { message, exit_code: exitCode };
  if (error instanceof ApiCallError) {
    Object.assign(document, { status: error.status ?? null, body: error.body ?? null });
  }
  if (error instanceof CliError && error.problems.length > 0) {
    document['problems'] = error.problems;
  }
  out.error(message, document);
  if (error instanceof CliError) {
    for (const problem of error.problems) out.note(`  - ${problem}`);
  }
  if (error instanceof UsageError && error.usage) out.note(`\n${error.usage}`);
  return exitCode;
}

function describe(error: unknown): string {
  if (error instanceof ApiCallError) return describeApiError(error);
  return messageOf(error);
}

/** The server's own words first (its `detail`), then which call it was and the status. */
export function describeApiError(error: ApiCallError): string {
  if (error.status === undefined) return `no answer: ${error.message}`;
  if (!error.body) return error.message;
  const code = error.body.code ? ` ${error.body.code}` : '';
  return `${error.body.detail} (HTTP ${error.status}${code}, ${error.method} ${pathOf(error.url)})`;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
