import {
  type RuntimeInitRequest,
  SESSION_API_KEY_HEADER,
  type ServerInfo,
  ServerInfoSchema,
} from '@agentrt/contracts';
import { Injectable } from '@nestjs/common';

/** Header of the agent server's one-time `POST /init` (agent-server, RuntimeInitController). */
const INIT_API_KEY_HEADER = 'X-Init-API-Key';

/** Thrown when an agent server does not answer as expected. */
export class AgentServerCallError extends Error {
  override name = 'AgentServerCallError';
}

/**
 * The few agent-server calls runtime-api makes itself, on a runtime's internal address: the
 * warm-pool init, the idle reaper's `/server_info`, and readiness after resume.
 */
@Injectable()
export class AgentServerClient {
  async init(
    baseUrl: string,
    initApiKey: string,
    body: RuntimeInitRequest,
    timeoutMs = 5_000,
  ): Promise<void> {
    const response = await fetch(`${baseUrl}/init`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INIT_API_KEY_HEADER]: initApiKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new AgentServerCallError(`init answered ${response.status}`);
  }

  async serverInfo(baseUrl: string, sessionApiKey: string, timeoutMs = 3_000): Promise<ServerInfo> {
    const response = await fetch(`${baseUrl}/server_info`, {
      headers: { [SESSION_API_KEY_HEADER]: sessionApiKey },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new AgentServerCallError(`server_info answered ${response.status}`);
    }
    return ServerInfoSchema.parse(await response.json());
  }

  /**
   * Warms a fresh agent server's request path (body parsing, routing, validation) with a
   * command request it refuses as invalid, so nothing runs and nothing is recorded, while the
   * claimant's first real command no longer pays for the warm-up. Best effort.
   */
  async prime(baseUrl: string, sessionApiKey: string): Promise<void> {
    try {
      const response = await fetch(`${baseUrl}/api/bash/execute_bash_command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SESSION_API_KEY_HEADER]: sessionApiKey },
        body: '{}',
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
    } catch {
      // A runtime that cannot answer is found out at claim time (init) anyway.
    }
  }

  /** Polls `/alive` until it answers 2xx or the deadline passes. */
  async waitAlive(baseUrl: string, timeoutMs: number, intervalMs = 50): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.alive(baseUrl)) return;
      if (Date.now() >= deadline) {
        throw new AgentServerCallError(`agent server did not answer /alive in ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  private async alive(baseUrl: string): Promise<boolean> {
    try {
      const response = await fetch(`${baseUrl}/alive`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }
}
