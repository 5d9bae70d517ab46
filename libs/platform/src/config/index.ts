export * from './config-error';
export * from './load-config';
export * from './env-vars';
export * from './app-config.module';
