import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { HealthController } from './health.controller';
import {
  HEALTH_DETAILS,
  HEALTH_INDICATORS,
  HEALTH_SERVICE_NAME,
  type HealthIndicator,
} from './health-indicator';
import { HealthService } from './health.service';

export interface HealthModuleOptions {
  service: string;
  indicators: Type<HealthIndicator>[];
  /** Static facts shown on every report (e.g. the gateway's mode and mounted modules). */
  details?: Record<string, unknown>;
}

/** `GET /health` for an app, built from the indicators it lists. */
@Module({})
export class HealthModule {
  static register({ service, indicators, details = {} }: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        ...indicators,
        { provide: HEALTH_SERVICE_NAME, useValue: service },
        { provide: HEALTH_DETAILS, useValue: details },
        {
          provide: HEALTH_INDICATORS,
          useFactory: (...found: HealthIndicator[]) => found,
          inject: indicators,
        },
        HealthService,
      ],
      exports: [HealthService],
    };
  }
}
