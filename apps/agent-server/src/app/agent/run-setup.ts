import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Event } from '@agentrt/contracts';
import type { RuntimeEnvironment } from '../environment/runtime-environment';
import type { RunSetup } from './agent-run';
import type { ConversationHandle, NewEvent } from './agent-runner';
import { Condenser } from './condenser/condenser';
import type { CondenserSettings } from './condenser/condensation-plan';
import type { LlmClientFactory } from './llm/llm-client-factory';
import type { SecurityAnalyzer } from './security/security-analyzer';
import { selectTools, toLlmToolSpec } from './tool-catalog';
import type { AgentTool } from './tools/agent-tool';

/** What every run is prepared from: the server's tools, LLM factory, environment and settings. */
export interface RunDependencies {
  tools: readonly AgentTool[];
  llms: LlmClientFactory;
  environment: RuntimeEnvironment;
  workspaceDir: string;
  systemPrompt: string;
  security: SecurityAnalyzer;
  /** Used when the conversation's `agent.condenser` does not say otherwise. */
  condenser: CondenserSettings;
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
    history: () => handle.history(),
  });
  const llm = await dependencies.llms.create(agent.llm);
  const condenser = {
    maxSize: agent.condenser?.max_size ?? dependencies.condenser.maxSize,
    keepFirst: agent.condenser?.keep_first ?? dependencies.condenser.keepFirst,
  };
  return {
    handle,
    llm,
    tools,
    toolSpecs: tools.map(toLlmToolSpec),
    systemPrompt: dependencies.systemPrompt,
    workingDir,
    execution: { tools, context, emit },
    security: dependencies.security,
    condenser: new Condenser(llm, condenser, emit),
  };
}
