import { ApiException } from '@agentrt/platform';
import type { AgentRunner } from '../../agent/agent-runner';

/**
 * The agent runner, if one is installed. It is looked up (not injected) because the module
 * providing `AGENT_RUNNER` may be absent or not exported to this one: conversations then still
 * work for everything but running, which answers 503.
 */
export class AgentRunnerRef {
  private runner: AgentRunner | undefined;

  constructor(private readonly lookup: () => AgentRunner | undefined) {}

  get(): AgentRunner | undefined {
    this.runner ??= this.lookup();
    return this.runner;
  }

  /** The runner, or a 503 telling the client that this server cannot run agents. */
  require(): AgentRunner {
    const runner = this.get();
    if (runner) return runner;
    throw new ApiException(
      503,
      'This agent server has no agent runner installed: conversations can be created and messaged but not run',
      'service_unavailable',
    );
  }
}
