import type { Command } from '../../command';
import { UsageError } from '../../exit-codes';
import { secondsFlag, stringFlag } from '../../flags';
import { runAgent } from './run-agent';
import { runOnNewRuntime, runOnRuntime } from './run-on-runtime';

const DEFAULT_TIMEOUT_MS = 600_000;

/** `agentrt run "task"`: on a runtime, an agent of the gateway, or a runtime of its own. */
export const runCommand: Command = {
  name: 'run',
  summary: 'send a task to an agent and stream its events until it ends',
  args: '"<task>"',
  positionals: [1, 1],
  options: {
    runtime: {
      type: 'string',
      value: 'RUNTIME_ID',
      help: 'a new conversation on this runtime (left running afterwards)',
    },
    agent: { type: 'string', value: 'AGENT_ID', help: 'a run of this gateway agent' },
    version: { type: 'string', value: 'V', help: "the agent's version (with --agent)" },
    timeout: { type: 'string', value: 'SEC', help: 'how long the run may take (default 600)' },
  },
  details: [
    'Without --runtime or --agent, the task runs on a runtime of its own (remote with',
    'AGENTRT_USE_REMOTE_RUNTIME=true, else a local agent server), stopped at the end.',
    "The LLM comes from LLM_MODEL, LLM_API_KEY and LLM_BASE_URL (the agent's own with --agent).",
    'Exit 0 when the agent finished, 1 when it ended in error, got stuck or ran out of time.',
  ].join('\n'),
  async run(context) {
    const { flags, positionals } = context;
    const task = positionals[0] ?? '';
    if (task.trim() === '') throw new UsageError('the task must not be empty');
    const runtimeId = stringFlag(flags, 'runtime');
    const agentId = stringFlag(flags, 'agent');
    const version = stringFlag(flags, 'version');
    const timeoutMs = secondsFlag(flags, 'timeout', DEFAULT_TIMEOUT_MS);
    if (runtimeId !== undefined && agentId !== undefined) {
      throw new UsageError('--runtime and --agent exclude each other');
    }
    if (version !== undefined && agentId === undefined) {
      throw new UsageError('--version goes with --agent');
    }
    if (agentId !== undefined) return runAgent(context, agentId, version, task, timeoutMs);
    if (runtimeId !== undefined) return runOnRuntime(context, runtimeId, task, timeoutMs);
    return runOnNewRuntime(context, task, timeoutMs);
  },
};
