import { parseArgs } from 'node:util';
import type { Command, CommandEntry, FlagValues } from './command';
import { isGroup } from './command';
import { UsageError, messageOf } from './exit-codes';
import { GLOBAL_OPTIONS, commandUsage, groupUsage, topUsage } from './usage';

/** What the command line asks for: a help text, or a command with its flags. */
export type Invocation =
  | { kind: 'help'; text: string }
  | {
      kind: 'command';
      command: Command;
      path: string[];
      flags: FlagValues;
      positionals: string[];
    };

const isHelp = (word: string | undefined) => word === '--help' || word === '-h';

/** Finds the command `argv` names and parses its flags; misuse is a UsageError with the usage. */
export function parseInvocation(
  argv: readonly string[],
  entries: readonly CommandEntry[],
): Invocation {
  const [name, ...rest] = argv;
  if (isHelp(name)) return { kind: 'help', text: topUsage(entries) };
  if (name === undefined) throw new UsageError('no command given', [], topUsage(entries));
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry)
    throw new UsageError(`unknown command ${JSON.stringify(name)}`, [], topUsage(entries));
  if (!isGroup(entry)) return parseCommand([entry.name], entry, rest);

  const [sub, ...subRest] = rest;
  if (isHelp(sub)) return { kind: 'help', text: groupUsage(entry) };
  const command = entry.commands.find((candidate) => candidate.name === sub);
  if (command) return parseCommand([entry.name, command.name], command, subRest);
  if (entry.fallback && sub !== undefined) return parseCommand([entry.name], entry.fallback, rest);
  const problem =
    sub === undefined
      ? `agentrt ${entry.name} needs a command`
      : `unknown command ${JSON.stringify(`${entry.name} ${sub}`)}`;
  throw new UsageError(problem, [], groupUsage(entry));
}

function parseCommand(path: string[], command: Command, args: string[]): Invocation {
  const usage = commandUsage(path, command);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, ...GLOBAL_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains unknown flags and missing values well; its own text is the message.
    throw new UsageError(messageOf(error), [], usage);
  }
  if (parsed.values['help'] === true) return { kind: 'help', text: usage };
  const [min, max] = command.positionals;
  const count = parsed.positionals.length;
  if (count < min || count > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(
      `agentrt ${path.join(' ')} takes ${expected} argument(s), got ${count}`,
      [],
      usage,
    );
  }
  return { kind: 'command', command, path, flags: parsed.values, positionals: parsed.positionals };
}
