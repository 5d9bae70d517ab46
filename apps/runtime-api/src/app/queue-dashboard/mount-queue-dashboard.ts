import { QUEUES, QueueDashboard } from '@agentrt/queues';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RuntimeApiConfig } from '../config/runtime-api.config';
import { requireApiKey } from './dashboard-auth';

/** Fixed rather than configurable: one less thing to keep in step with proxies and docs. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Serves Bull Board at `/admin/queues` behind the app's API keys. Plain Express, not a Nest
 * controller: the board brings its own routes, and so stays out of the OpenAPI document.
 */
export function mountQueueDashboard(app: NestExpressApplication, config: RuntimeApiConfig): void {
  if (!config.QUEUE_DASHBOARD_ENABLED) return;
  const board = app.get(QueueDashboard).handler({
    basePath: QUEUE_DASHBOARD_PATH,
    queues: Object.values(QUEUES),
    readOnly: config.QUEUE_DASHBOARD_READ_ONLY,
  });
  app.use(QUEUE_DASHBOARD_PATH, requireApiKey(config.RUNTIME_API_KEY_HASHES), board);
}
