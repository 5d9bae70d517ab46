import { resolve } from 'node:path';

// eslint-disable-next-line no-restricted-properties -- test setup reads where Redis is, once
const env = process.env;

/** Where the e2e tier finds its dependencies; the test command starts Redis on the default. */
export const E2E = {
  redisUrl: env['E2E_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  workspaceRoot: resolve(__dirname, '../../../..'),
  /** Where the built apps are (`<dir>/<app>/main.js`); matches AGENTRT_DIST_DIR of the build. */
  distDir: env['AGENTRT_DIST_DIR'] ?? resolve(__dirname, '../../../../dist/apps'),
  /** Passed to children so they find `node` and nothing else of this shell leaks in. */
  path: env['PATH'] ?? '/usr/bin:/bin',
};
