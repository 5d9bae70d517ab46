import './boot/boot-heap-hold';
import 'reflect-metadata';
import { startApp } from '@agentrt/platform';
import { AppModule, SERVICE_NAME } from './app/app.module';
import { AgentServerConfigSchema } from './app/config/agent-server.config';
import { useSocketAdapter } from './app/sockets/sockets.module';
import { releaseYoungGeneration } from './boot/boot-heap';

/**
 * The agent server itself, bundled with its dependencies into app.js and started by the loader
 * in main.ts. Resolves once it listens (false: a bad environment, already reported).
 */
export const listening: Promise<boolean> = startApp({
  service: SERVICE_NAME,
  configSchema: AgentServerConfigSchema,
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  env: process.env,
  module: (config) => AppModule.register(config),
  address: (config) => ({ host: config.HOST, port: config.PORT }),
  configure: (app) => {
    useSocketAdapter(app);
    app.getHttpServer().once('listening', releaseYoungGeneration);
  },
  openApi: {
    title: 'agentrt Agent Server',
    description: 'The OpenHands Agent Server API: conversations, events, bash and files.',
    apiKeyHeader: 'X-Session-API-Key',
  },
});
