import type { GatewayScope } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Authenticator } from './authenticator';
import { setCaller } from './caller';
import { credentialOf } from './credentials';
import type { RateLimiter } from '@agentrt/gateway-state';
import { requireScope } from './require-scope';

/** What one port demands: which paths are open, the scope for the rest, and limits (0 = off). */
export interface EdgePolicy {
  isPublic: (path: string) => boolean;
  scope: GatewayScope;
  perKeyPerMinute: number;
  perIpPerMinute: number;
}

/**
 * The edge as one Express middleware, in front of every route: per-IP limit (before anything,
 * so key guessing is limited too; `/health` is exempt for probes), then credentials and scope,
 * then the per-caller limit. It sets the caller every module reads with `callerOf(req)`.
 */
export class EdgeGate {
  private readonly logger = new Logger('Edge');

  constructor(
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
    private readonly policy: EdgePolicy,
  ) {}

  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    this.admit(req).then(
      () => next(),
      (error: unknown) => {
        this.logRefusal(req, error);
        next(error);
      },
    );
  };

  private async admit(req: Request): Promise<void> {
    const { policy } = this;
    if (req.path !== '/health' && policy.perIpPerMinute > 0) {
      await this.limit(`ip:${req.ip ?? 'unknown'}`, policy.perIpPerMinute, 'client IP');
    }
    if (policy.isPublic(req.path)) return;
    const caller = await this.authenticator.authenticate(credentialOf(req.headers));
    setCaller(req, caller);
    requireScope(caller, policy.scope);
    if (policy.perKeyPerMinute > 0) {
      await this.limit(`caller:${caller.id}`, policy.perKeyPerMinute, 'credential');
    }
  }

  private async limit(subject: string, perMinute: number, per: string): Promise<void> {
    const decision = await this.limiter.hit(subject, perMinute);
    if (decision.allowed) return;
    const seconds = decision.retryAfterSeconds;
    throw new ApiException(
      429,
      `Rate limit exceeded: at most ${perMinute} requests per minute per ${per}; retry in ${seconds} s`,
      'rate_limited',
      { retry_after_seconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }

  /** These requests never reach the request logger (it runs after this), so log them here. */
  private logRefusal(req: Request, error: unknown): void {
    const status = error instanceof ApiException ? error.getStatus() : 500;
    const detail = error instanceof ApiException ? error.detail : String(error);
    this.logger.warn(
      {
        status,
        method: req.method,
        path: req.path,
        ip: req.ip,
        request_id: req.headers['x-request-id'],
        detail,
      },
      'request refused at the edge',
    );
  }
}
