import 'reflect-metadata';
import { runApp } from '@agentrt/platform';
import { AppModule, SERVICE_NAME } from './app/app.module';
import { BuildServiceConfigSchema } from './app/config/build-service.config';

runApp({
  service: SERVICE_NAME,
  configSchema: BuildServiceConfigSchema,
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  env: process.env,
  module: (config) => AppModule.register(config),
  address: (config) => ({ host: config.HOST, port: config.PORT }),
  openApi: {
    title: 'agentrt build-service',
    description: 'BullMQ worker for image builds; serves only health and this document over HTTP.',
  },
});
