import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';

/**
 * The environment every command and tool process inherits: the server's own environment minus
 * its credentials, plus what runtime-api passed at init, plus a conversation's secrets.
 */
@Injectable()
export class RuntimeEnvironment {
  private readonly base: Readonly<Record<string, string>>;
  private extra: Record<string, string> = {};

  constructor(@Inject(AGENT_SERVER_CONFIG) config: AgentServerConfig) {
    this.base = config.CHILD_ENV;
  }

  merge(variables: Record<string, string>): void {
    this.extra = { ...this.extra, ...variables };
  }

  forChild(secrets: Record<string, string> = {}): Record<string, string> {
    return { ...this.base, ...this.extra, ...secrets };
  }
}
