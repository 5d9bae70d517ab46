import type { Command, CommandGroup } from '../command';
import { ExitCode } from '../exit-codes';
import { buildLines } from './build-outcome';
import { buildRun } from './build-run';
import { buildsClient } from './clients';

const status: Command = {
  name: 'status',
  summary: "a build's status (and image or error)",
  args: '<build_id>',
  positionals: [1, 1],
  options: {},
  async run(context) {
    const build = await buildsClient(context).buildStatus(context.positionals[0] ?? '');
    context.out.result(build, buildLines(build));
    return ExitCode.Ok;
  },
};

const cancel: Command = {
  name: 'cancel',
  summary: 'cancel a queued or running build (exit 3 once it has ended)',
  args: '<build_id>',
  positionals: [1, 1],
  options: {},
  async run(context) {
    const build = await buildsClient(context).cancelBuild(context.positionals[0] ?? '');
    context.out.result(build, buildLines(build));
    return ExitCode.Ok;
  },
};

/** `agentrt build <dir>`, `agentrt build status <id>`, `agentrt build cancel <id>`. */
export const buildGroup: CommandGroup = {
  name: 'build',
  summary: 'build images through the Runtime API (RUNTIME_API_URL, RUNTIME_API_KEY)',
  commands: [status, cancel],
  fallback: buildRun,
};
