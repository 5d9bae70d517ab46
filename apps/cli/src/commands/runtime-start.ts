import { ResourceFactorSchema } from '@agentrt/contracts';
import type { Command } from '../command';
import {
  booleanFlag,
  choiceFlag,
  keyValueFlag,
  requiredString,
  secondsFlag,
  stringFlag,
} from '../flags';
import { CliError, ExitCode } from '../exit-codes';
import { runtimeClient } from './clients';
import { runtimeLines } from './runtime-view';
import { waitUntilReady } from './runtime-wait';

const FACTORS = ['1', '2', '4', '8'] as const;

/** `agentrt runtime start`: a runtime, waited for until ready unless `--no-wait`. */
export const runtimeStart: Command = {
  name: 'start',
  summary: 'start a runtime and wait until it is ready',
  positionals: [0, 0],
  options: {
    image: { type: 'string', value: 'IMG', help: 'the image to run (required)' },
    'session-id': {
      type: 'string',
      value: 'S',
      help: 'bind the runtime to a session (a live runtime of it is returned)',
    },
    'resource-factor': {
      type: 'string',
      value: 'N',
      help: '1, 2, 4 or 8 (default: AGENTRT_RESOURCE_FACTOR)',
    },
    env: { type: 'string', multiple: true, value: 'K=V', help: 'a variable for the runtime' },
    'working-dir': { type: 'string', value: 'D', help: "the agent server's working directory" },
    'no-wait': { type: 'boolean', help: 'print the runtime at once, without waiting for it' },
    timeout: {
      type: 'string',
      value: 'SEC',
      help: 'how long to wait for ready (default: AGENTRT_START_TIMEOUT_SECONDS)',
    },
    'show-key': { type: 'boolean', help: 'also print the session API key' },
  },
  async run(context) {
    const { flags, config, out } = context;
    const image = requiredString(flags, 'image');
    const factor = choiceFlag(flags, 'resource-factor', FACTORS);
    const environment = keyValueFlag(flags, 'env');
    const timeoutMs = secondsFlag(flags, 'timeout', config.startTimeoutMs);
    const sessionId = stringFlag(flags, 'session-id');
    const workingDir = stringFlag(flags, 'working-dir') ?? config.workingDir;
    const client = runtimeClient(context);
    let runtime = await client.start({
      image,
      resource_factor:
        factor === undefined ? config.resourceFactor : ResourceFactorSchema.parse(Number(factor)),
      ...(sessionId === undefined ? {} : { session_id: sessionId }),
      ...(workingDir === undefined ? {} : { working_dir: workingDir }),
      ...(Object.keys(environment).length > 0 ? { environment } : {}),
    });
    if (!booleanFlag(flags, 'no-wait')) {
      runtime = await waitUntilReady(client, runtime, context, timeoutMs);
    }
    out.result(runtime, runtimeLines(runtime, booleanFlag(flags, 'show-key')));
    return ExitCode.Ok;
  },
};

/** `agentrt runtime attach`: the session's runtime, resumed if paused and waited for. */
export const runtimeAttach: Command = {
  name: 'attach',
  summary: "the session's runtime, resumed and ready: its url (and key with --show-key)",
  args: '<session_id>',
  positionals: [1, 1],
  options: {
    timeout: {
      type: 'string',
      value: 'SEC',
      help: 'how long to wait for ready (default: AGENTRT_START_TIMEOUT_SECONDS)',
    },
    'show-key': { type: 'boolean', help: 'also print the session API key' },
  },
  details: 'The session key is printed only with --show-key or --json: it is a credential.',
  async run(context) {
    const { flags, config, out, positionals } = context;
    const sessionId = positionals[0] ?? '';
    const timeoutMs = secondsFlag(flags, 'timeout', config.startTimeoutMs);
    const client = runtimeClient(context);
    const found = await client.session(sessionId);
    if (!found) throw new CliError(`session ${sessionId} has no runtime`, ExitCode.NotFound);
    let runtime = found;
    if (runtime.status === 'paused') {
      out.note(`runtime ${runtime.runtime_id}: paused, resuming`);
      runtime = await client.resume(runtime.runtime_id);
    }
    runtime = await waitUntilReady(client, runtime, context, timeoutMs);
    const lines = [`url: ${runtime.url}`, `runtime_id: ${runtime.runtime_id}`];
    if (booleanFlag(flags, 'show-key')) lines.push(`session_api_key: ${runtime.session_api_key}`);
    out.result(runtime, lines);
    return ExitCode.Ok;
  },
};

/** `agentrt runtime resume`: resumed, and waited for unless `--no-wait`. */
export const runtimeResume: Command = {
  name: 'resume',
  summary: 'resume a paused runtime and wait until it is ready',
  args: '<runtime_id>',
  positionals: [1, 1],
  options: {
    'no-wait': { type: 'boolean', help: 'return once the Runtime API took the request' },
    timeout: { type: 'string', value: 'SEC', help: 'how long to wait for ready' },
  },
  async run(context) {
    const { flags, config, out, positionals } = context;
    const timeoutMs = secondsFlag(flags, 'timeout', config.startTimeoutMs);
    const client = runtimeClient(context);
    let runtime = await client.resume(positionals[0] ?? '');
    if (!booleanFlag(flags, 'no-wait')) {
      runtime = await waitUntilReady(client, runtime, context, timeoutMs);
    }
    out.result(runtime, runtimeLines(runtime));
    return ExitCode.Ok;
  },
};
