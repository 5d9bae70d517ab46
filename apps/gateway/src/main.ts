import 'reflect-metadata';
import { runApp } from '@agentrt/platform';
import { AppModule, SERVICE_NAME } from './app/app.module';
import { GatewayConfigSchema } from './app/config/gateway.config';

runApp({
  service: SERVICE_NAME,
  configSchema: GatewayConfigSchema,
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  env: process.env,
  module: (config) => AppModule.register(config),
  address: (config) => ({ host: config.HOST, port: config.PORT }),
  openApi: {
    title: 'agentrt gateway',
    description:
      'The public edge: agent-runner, debugger and embodiment modules, and the runtime proxy.',
  },
});
