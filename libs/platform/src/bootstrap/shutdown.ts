import type { LoggerService } from '@nestjs/common';

/** Anything shutdown closes: a Nest app, or several composed into one. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * SIGTERM/SIGINT close the app (HTTP server, Redis, queue workers via their shutdown hooks) and
 * exit 0; a close that hangs past `timeoutMs` exits 1 so an orchestrator is never left waiting.
 */
export function exitGracefullyOnSignals(
  app: Closable,
  logger: LoggerService,
  timeoutMs = 10_000,
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeout_ms: timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => {
        logger.log('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
