import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ActivityTracker } from './activity-tracker';

/** Every `/api/*` call counts as activity; health probes do not, or nothing would ever idle. */
@Injectable()
export class ActivityMiddleware implements NestMiddleware {
  constructor(private readonly activity: ActivityTracker) {}

  use(req: Request, _res: Response, next: NextFunction): void {
    if (req.originalUrl.startsWith('/api/')) this.activity.touch();
    next();
  }
}
