import 'reflect-metadata';
import { Metrics, runApp } from '@agentrt/platform';
import { AppModule, SERVICE_NAME } from './app/app.module';
import { GatewayConfigSchema } from './app/config/gateway.config';
import { ApiRouter } from './app/routing/api-router';
import { startAdminApp } from './app/admin/start-admin-app';
import { mountEdge } from './app/edge/mount-edge';
import { mountEmbodimentDocs } from './app/embodiments/docs/mount-docs';
import { publicOpenApiDocument } from './app/embodiments/docs/public-document';
import { mountGatewayProxy } from './app/proxy/mount-proxy';
import { mountRuntimeApi } from './app/proxy/mount-runtime-api';
import { routingDecisionCounter } from './app/metrics/routing-metrics';

runApp({
  service: SERVICE_NAME,
  configSchema: GatewayConfigSchema,
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  env: process.env,
  module: (config) => AppModule.register(config),
  address: (config) => ({ host: config.HOST, port: config.PORT }),
  // The runtime proxy streams bodies, so it sees requests before any parser (and before the edge:
  // a runtime's session key is its credential).
  mountBeforeParsers: (app, config) => {
    mountGatewayProxy(app, config);
    mountRuntimeApi(app, config);
  },
  configure: (app, config) => {
    // Edge first: CORS preflights, rate limits, credentials and scopes (sets the caller).
    mountEdge(app, config);
    // Last before the routes: it needs the caller the edge has authenticated.
    app.use(new ApiRouter(config.SERVER_MODE, routingDecisionCounter(app.get(Metrics))).handle);
    // /swagger, /postman, /chatgpt/openapi.json: derived from the document at /openapi.json.
    mountEmbodimentDocs(app, config);
  },
  // The admin port: a second app in this process, closed with the public one on SIGTERM. It
  // serves the public app's metrics too (the public edge never exposes /metrics).
  afterListen: (app, config) => startAdminApp(config, app.get(Metrics)),
  openApi: {
    title: 'agentrt gateway',
    description:
      'The public edge: agent-runner, debugger and embodiment modules, and the runtime proxy.',
    // The routed modules' controllers sit under internal paths; clients see /api/...
    transform: publicOpenApiDocument,
  },
});
