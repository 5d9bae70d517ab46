import type { Command, CommandEntry, CommandGroup, OptionSpecs } from './command';

/** Flags every command takes. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  json: { type: 'boolean', help: 'print one JSON document (JSON lines for streams) on stdout' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

const INDENT = '  ';

/** `agentrt --help`. */
export function topUsage(entries: readonly CommandEntry[]): string {
  return [
    'Usage: agentrt <command> [options]',
    '',
    'Commands:',
    ...columns(entries.map((entry) => [entry.name, entry.summary])),
    '',
    'Run `agentrt <command> --help` for the options of a command.',
    'Configuration comes from the environment (RUNTIME_API_URL, RUNTIME_API_KEY, ...): see the README.',
  ].join('\n');
}

/** `agentrt runtime --help`. */
export function groupUsage(group: CommandGroup): string {
  const lines = [`Usage: agentrt ${group.name} <command> [options]`];
  if (group.fallback) lines.push(`       ${usageLine([group.name], group.fallback)}`);
  lines.push('', group.summary, '', 'Commands:');
  lines.push(...columns(group.commands.map((command) => [command.name, command.summary])));
  if (group.fallback) lines.push('', fullUsage([group.name], group.fallback));
  lines.push('', `Run \`agentrt ${group.name} <command> --help\` for its options.`);
  return lines.join('\n');
}

/** `agentrt runtime start --help`. */
export function commandUsage(path: readonly string[], command: Command): string {
  return [`Usage: ${usageLine(path, command)}`, '', fullUsage(path, command)].join('\n');
}

function fullUsage(path: readonly string[], command: Command): string {
  const lines = [command.summary];
  if (command.details) lines.push('', command.details);
  lines.push('', 'Options:', ...optionLines({ ...command.options, ...GLOBAL_OPTIONS }));
  return lines.join('\n');
}

function usageLine(path: readonly string[], command: Command): string {
  const words = ['agentrt', ...path];
  if (command.args) words.push(command.args);
  words.push('[options]');
  return words.join(' ');
}

function optionLines(options: OptionSpecs): string[] {
  return columns(
    Object.entries(options).map(([name, spec]) => {
      const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
      return [flag, spec.multiple ? `${spec.help} (repeatable)` : spec.help];
    }),
  );
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${INDENT}${left.padEnd(width)}  ${right}`);
}
