import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';

/**
 * The session keys this server accepts. Starts from config; a warm-pool runtime gets its key
 * later through the one-time init call. No keys means no auth (the OpenHands default).
 */
@Injectable()
export class SessionKeys {
  private keys: Buffer[];

  constructor(@Inject(AGENT_SERVER_CONFIG) config: AgentServerConfig) {
    this.keys = config.SESSION_API_KEYS.map((key) => Buffer.from(key));
  }

  get required(): boolean {
    return this.keys.length > 0;
  }

  /** True when auth is off or `presented` is one of the keys (compared in constant time). */
  accepts(presented: string | undefined): boolean {
    if (!this.required) return true;
    if (!presented) return false;
    const candidate = Buffer.from(presented);
    return this.keys.some(
      (key) => key.length === candidate.length && timingSafeEqual(key, candidate),
    );
  }

  replaceWith(key: string): void {
    this.keys = [Buffer.from(key)];
  }
}
