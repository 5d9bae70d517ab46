import { join } from 'node:path';
import { type ClientConfig, loadClientConfig } from '@agentrt/client';
import type { Event } from '@agentrt/contracts';
import { FakeOpenAiServer } from '@agentrt/testing';
import { Deployment } from '../runtime-api/deployment';
import { RUNTIME_IMAGE } from '../runtime-api/runtime-api.harness';
import { E2E } from '../support/e2e-env';

const LLM_KEY = 'sk-fake-llm-key-for-client-e2e';

/** What an agent server needs to start on this machine (the built app). */
export const AGENT_SERVER_COMMAND = `${process.execPath},${join(E2E.distDir, 'agent-server', 'main.js')}`;

/**
 * A FAKE scripted LLM and runtime-api on the local backend: what the SDK's local and remote
 * AgentLoops run against. `env(...)` is the SDK's configuration as a user would set it.
 */
export class LoopStack {
  private constructor(
    readonly llm: FakeOpenAiServer,
    readonly runtimeApi: Deployment,
  ) {}

  static async start(): Promise<LoopStack> {
    const llm = await FakeOpenAiServer.start({
      model: 'fake-model',
      apiKey: LLM_KEY,
      tools: ['terminal', 'file_editor', 'task_tracker', 'finish'],
    });
    try {
      return new LoopStack(llm, await Deployment.start());
    } catch (error) {
      await llm.close();
      throw error;
    }
  }

  /** The SDK's variables: remote (through runtime-api) or local (an agent-server process). */
  env(remote: boolean, extra: Record<string, string> = {}): Record<string, string> {
    return {
      AGENTRT_USE_REMOTE_RUNTIME: String(remote),
      RUNTIME_API_URL: this.runtimeApi.api.url,
      RUNTIME_API_KEY: this.runtimeApi.apiKey,
      AGENTRT_AGENT_SERVER_IMAGE: RUNTIME_IMAGE,
      AGENTRT_AGENT_SERVER_COMMAND: AGENT_SERVER_COMMAND,
      AGENTRT_START_TIMEOUT_SECONDS: '30',
      LLM_MODEL: 'litellm_proxy/fake-model',
      LLM_API_KEY: LLM_KEY,
      LLM_BASE_URL: this.llm.baseUrl,
      ...extra,
    };
  }

  config(remote: boolean, extra: Record<string, string> = {}): ClientConfig {
    return loadClientConfig(this.env(remote, extra));
  }

  /** Runtimes runtime-api still runs (not stopped). */
  async liveRuntimes(): Promise<string[]> {
    const response = await this.runtimeApi.client.call('GET', '/list');
    const { runtimes } = (await response.json()) as {
      runtimes: { runtime_id: string; status: string }[];
    };
    return runtimes.filter((r) => r.status !== 'stopped').map((r) => r.runtime_id);
  }

  async tearDown(): Promise<void> {
    await this.runtimeApi.tearDown();
    await this.llm.close();
  }
}

/** An event as a user reads it, without ids and times, to compare two runs of one scenario. */
export function shapeOf(event: Event): string {
  const parts: string[] = [event.kind, event.source];
  if ('tool_name' in event && typeof event.tool_name === 'string') parts.push(event.tool_name);
  if (event.kind === 'ConversationStateUpdateEvent') parts.push(event.key);
  return parts.join(':');
}
