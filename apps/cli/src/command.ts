import type { ClientConfig } from '@agentrt/client';
import type { CliIo } from './cli-io';
import type { ExitCode } from './exit-codes';
import type { Output } from './output';

/** One flag of a command, as parsed by node:util `parseArgs` and shown in its help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given several times (`--env A=1 --env B=2`). */
  multiple?: boolean;
  short?: string;
  /** The value's name in the help, e.g. `IMG`. */
  value?: string;
  help: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What parseArgs produced for one command. */
export type FlagValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>;

/** Everything a command works with; nothing else reaches it, so tests call it in-process. */
export interface CommandContext {
  io: CliIo;
  out: Output;
  flags: FlagValues;
  positionals: readonly string[];
  /** The validated environment; loaded only for commands that run (not for `--help`). */
  config: ClientConfig;
}

/** A leaf command such as `runtime start` or `run`. */
export interface Command {
  name: string;
  summary: string;
  /** The positional part of the usage line, e.g. `<runtime_id>`. */
  args?: string;
  /** Inclusive bounds on the number of positionals. */
  positionals: readonly [min: number, max: number];
  options: OptionSpecs;
  /** Longer help shown under the usage line. */
  details?: string;
  run(context: CommandContext): Promise<ExitCode>;
}

/** A command with sub-commands (`runtime`, `agents`); `fallback` runs when none is named. */
export interface CommandGroup {
  name: string;
  summary: string;
  commands: readonly Command[];
  /** `agentrt build <dir>`: the group's own command when the next word names no sub-command. */
  fallback?: Command;
}

export type CommandEntry = Command | CommandGroup;

export function isGroup(entry: CommandEntry): entry is CommandGroup {
  return 'commands' in entry;
}
