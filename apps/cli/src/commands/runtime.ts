import type { Command, CommandGroup } from '../command';
import { ExitCode } from '../exit-codes';
import { runtimeClient } from './clients';
import { runtimeAttach, runtimeResume, runtimeStart } from './runtime-start';
import { runtimeLines, runtimeTable } from './runtime-view';

const list: Command = {
  name: 'list',
  summary: 'list runtimes',
  positionals: [0, 0],
  options: {},
  async run(context) {
    const answer = await runtimeClient(context).list();
    context.out.result(answer, runtimeTable(answer.runtimes));
    return ExitCode.Ok;
  },
};

const get: Command = {
  name: 'get',
  summary: 'show one runtime (exit 4 when it does not exist)',
  args: '<runtime_id>',
  positionals: [1, 1],
  options: { 'show-key': { type: 'boolean', help: 'also print the session API key' } },
  async run(context) {
    const runtime = await runtimeClient(context).runtime(context.positionals[0] ?? '');
    context.out.result(runtime, runtimeLines(runtime, context.flags['show-key'] === true));
    return ExitCode.Ok;
  },
};

/** pause and stop: one call each, answered with the runtime's new state. */
function transition(name: 'pause' | 'stop', summary: string, status: string): Command {
  return {
    name,
    summary,
    args: '<runtime_id>',
    positionals: [1, 1],
    options: {},
    async run(context) {
      const runtimeId = context.positionals[0] ?? '';
      await runtimeClient(context)[name](runtimeId);
      context.out.result({ runtime_id: runtimeId, status }, `runtime ${runtimeId} ${status}`);
      return ExitCode.Ok;
    },
  };
}

/** `agentrt runtime ...`: runtimes of the Runtime API (RUNTIME_API_URL, RUNTIME_API_KEY). */
export const runtimeGroup: CommandGroup = {
  name: 'runtime',
  summary: 'start, list, inspect, pause, resume, stop and attach to runtimes',
  commands: [
    runtimeStart,
    list,
    get,
    transition('pause', 'pause a runtime (its workspace and session key are kept)', 'paused'),
    runtimeResume,
    transition('stop', 'stop a runtime and free what it held', 'stopped'),
    runtimeAttach,
  ],
};
