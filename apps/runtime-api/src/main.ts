import 'reflect-metadata';
import { runApp } from '@agentrt/platform';
import { AppModule, SERVICE_NAME } from './app/app.module';
import { RuntimeApiConfigSchema } from './app/config/runtime-api.config';
import { mountBuildBodyParser } from './app/builds/mount-build-body-parser';
import { mountProxy } from './app/proxy/mount-proxy';
import { mountQueueDashboard } from './app/queue-dashboard/mount-queue-dashboard';

runApp({
  service: SERVICE_NAME,
  configSchema: RuntimeApiConfigSchema,
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  env: process.env,
  module: (config) => AppModule.register(config),
  mountBeforeParsers: (app, config) => {
    mountProxy(app, config);
    mountBuildBodyParser(app, config);
  },
  configure: (app, config) => mountQueueDashboard(app, config),
  address: (config) => ({ host: config.HOST, port: config.PORT }),
  openApi: {
    title: 'agentrt Runtime API',
    description: 'The OpenHands Runtime API: runtimes, sessions and builds.',
    apiKeyHeader: 'X-API-Key',
  },
});
