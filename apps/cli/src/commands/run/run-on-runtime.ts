import {
  AgentLoop,
  AgentLoopManager,
  type ClientConfig,
  type LlmSettings,
  RemoteRuntime,
} from '@agentrt/client';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../command';
import { ConfigError, type ExitCode } from '../../exit-codes';
import { runtimeApiOf } from '../../requirements';
import { runtimeClient } from '../clients';
import { waitUntilReady } from '../runtime-wait';
import { runTask } from './run-loop';

/** `run --runtime ID`: a new conversation on a runtime the user already has; it is left running. */
export async function runOnRuntime(
  context: CommandContext,
  runtimeId: string,
  task: string,
  timeoutMs: number,
): Promise<ExitCode> {
  const { config } = context;
  const llm = llmOf(config);
  const client = runtimeClient(context);
  let runtime = await client.runtime(runtimeId);
  if (runtime.status === 'paused') runtime = await client.resume(runtimeId);
  runtime = await waitUntilReady(client, runtime, context, config.startTimeoutMs);
  const api = runtimeApiOf(config);
  const loop = await AgentLoop.create({
    // Attached, not owned: the run leaves the user's runtime running.
    runtime: await RemoteRuntime.attach(
      { apiUrl: api.url, apiKey: api.apiKey, startTimeoutMs: config.startTimeoutMs },
      runtime,
    ),
    llm,
    websocket: config.websocket,
    debug: debugOf(context),
  });
  try {
    return await runTask(context, loop, task, timeoutMs);
  } finally {
    await loop.cleanup();
  }
}

/**
 * `run` without a target: a runtime of its own (remote with AGENTRT_USE_REMOTE_RUNTIME, else an
 * agent server on this machine), stopped at the end whatever happens.
 */
export async function runOnNewRuntime(
  context: CommandContext,
  task: string,
  timeoutMs: number,
): Promise<ExitCode> {
  const config: ClientConfig = {
    ...context.config,
    agentServerCommand: context.config.agentServerCommand ?? context.io.bundledAgentServer,
  };
  const manager = new AgentLoopManager(config, { debug: debugOf(context) });
  try {
    context.out.note(
      config.useRemoteRuntime ? 'starting a remote runtime' : 'starting a local agent server',
    );
    const loop = await manager.getOrCreate(
      { userId: 'cli', appId: 'agentrt-cli', conversationId: randomUUID() },
      { llm: llmOf(config) },
    );
    return await runTask(context, loop, task, timeoutMs);
  } finally {
    await manager.cleanupAll();
  }
}

function llmOf(config: ClientConfig): LlmSettings {
  if (!config.llm) {
    throw new ConfigError('the agent needs an LLM', [
      'LLM_MODEL: required (e.g. openai/gpt-4o), with LLM_API_KEY and LLM_BASE_URL as needed',
    ]);
  }
  return config.llm;
}

function debugOf(context: CommandContext): ((line: string) => void) | undefined {
  return context.config.debug ? (line) => context.out.note(`[debug] ${line}`) : undefined;
}
