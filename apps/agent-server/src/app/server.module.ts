import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RuntimeInitController } from './auth/runtime-init.controller';
import { RuntimeInitService } from './auth/runtime-init.service';
import { SessionKeyGuard } from './auth/session-key.guard';
import { SessionKeys } from './auth/session-keys';
import { RuntimeEnvironment } from './environment/runtime-environment';
import { ActivityMiddleware } from './health/activity.middleware';
import { ActivityTracker, CLOCK } from './health/activity-tracker';
import { Readiness } from './health/readiness';
import { ServerInfoController } from './health/server-info.controller';

/** Cross-cutting server state every feature module uses: keys, environment, activity, readiness. */
@Global()
@Module({
  controllers: [ServerInfoController, RuntimeInitController],
  providers: [
    { provide: CLOCK, useValue: () => Date.now() },
    SessionKeys,
    RuntimeEnvironment,
    ActivityTracker,
    Readiness,
    RuntimeInitService,
    { provide: APP_GUARD, useClass: SessionKeyGuard },
  ],
  exports: [CLOCK, SessionKeys, RuntimeEnvironment, ActivityTracker, Readiness],
})
export class ServerModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ActivityMiddleware).forRoutes('*path');
  }
}
