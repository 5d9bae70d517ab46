import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Event } from '@agentrt/contracts';
import type { RuntimeEnvironment } from '../environment/runtime-environment';
import type { RunSetup } from './agent-run';
import type { ConversationHandle, NewEvent } from './agent-runner';
import type { LlmClientFactory } from './llm/llm-client-factory';
import { selectTools, toLlmToolSpec } from './tool-catalog';
import type { AgentTool } from './tools/agent-tool';

/** What every run is prepared from: the server's tools, LLM factory, environment and settings. */
export interface RunDependencies {
  tools: readonly AgentTool[];
  llms: LlmClientFactory;
  environment: RuntimeEnvironment;
  workspaceDir: string;
  systemPrompt: string;
}

/**
 * Everything one run of `handle` needs: its LLM client, the tools its agent asked for, and the
 * working dir (made absolute against the workspace, and created if missing). Rejects with an
 * LlmError when the model cannot be mapped to a provider.
 */
export async function prepareRun(
  handle: ConversationHandle,
  dependencies: RunDependencies,
  emit: (event: NewEvent) => Promise<Event>,
): Promise<RunSetup> {
  const { agent, workspace } = handle.info();
  const tools = selectTools(dependencies.tools, agent.tools);
  const workingDir = resolve(dependencies.workspaceDir, workspace.working_dir);
  // As the SDK does for a local workspace; a failure shows up in the first tool that needs it.
  await mkdir(workingDir, { recursive: true }).catch(() => undefined);
  const context = () => ({
    conversationId: handle.id,
    workingDir,
    // Read per action: secrets added during a run reach the next command.
    env: dependencies.environment.forChild({ ...handle.secrets() }),
    signal: handle.signal,
  });
  return {
    handle,
    llm: await dependencies.llms.create(agent.llm),
    tools,
    toolSpecs: tools.map(toLlmToolSpec),
    systemPrompt: dependencies.systemPrompt,
    workingDir,
    execution: { tools, context, emit },
  };
}
