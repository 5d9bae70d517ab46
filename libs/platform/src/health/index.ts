export * from './health-indicator';
export * from './health.service';
export * from './health.module';
