import { timingSafeEqual } from 'node:crypto';
import type { RuntimeInitRequest } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { ActivityTracker } from '../health/activity-tracker';
import { SessionKeys } from './session-keys';

/**
 * The one-time init call a warm-pool runtime receives after runtime-api claims it: it sets the
 * session key and the requested environment. Guarded by its own key (`INIT_API_KEY`), refused
 * when that is not configured, and refused a second time so a claimed runtime cannot be re-keyed.
 */
@Injectable()
export class RuntimeInitService {
  private initialized = false;

  constructor(
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
    private readonly keys: SessionKeys,
    private readonly environment: RuntimeEnvironment,
    private readonly activity: ActivityTracker,
  ) {}

  init(presentedKey: string | undefined, request: RuntimeInitRequest): void {
    this.checkInitKey(presentedKey);
    if (this.initialized)
      throw new ApiException(409, 'This runtime has already been initialized', 'conflict');
    this.initialized = true;
    this.keys.replaceWith(request.session_api_key);
    this.environment.merge(request.environment ?? {});
    // A claimed runtime's idle clock starts at the claim, not at its boot.
    this.activity.touch();
  }

  /** 404 while init is off, 401 without the right key (InitKeyGuard runs it before the body). */
  checkInitKey(presented: string | undefined): void {
    const expected = this.config.INIT_API_KEY;
    if (!expected)
      throw new ApiException(
        404,
        'Init is not enabled on this runtime (no INIT_API_KEY)',
        'not_found',
      );
    const matches =
      presented !== undefined &&
      Buffer.byteLength(presented) === Buffer.byteLength(expected) &&
      timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
    if (!matches)
      throw new ApiException(
        401,
        presented ? 'Invalid init key' : 'Missing X-Init-API-Key header',
        'unauthorized',
      );
  }
}
