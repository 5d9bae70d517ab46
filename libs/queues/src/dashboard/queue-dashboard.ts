import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import {
  QUEUE_CONNECTION,
  type QueueConnectionOptions,
  redisOptionsFromUrl,
} from '../queue-connection';
import type { QueueName } from '../queue-names';

export interface QueueDashboardOptions {
  /** Path the app mounts the handler at, e.g. `/admin/queues`: the page links its assets under it. */
  basePath: string;
  queues: readonly QueueName[];
  /** Bull Board's read-only mode: jobs can be looked at, never retried, cleaned or removed. */
  readOnly: boolean;
}

/**
 * Bull Board over our queues, as a plain Express handler. It has no authentication of its own:
 * the app must mount it behind its own check. Its queue connections close with the app.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueDashboard.name);
  private readonly opened: Queue[] = [];

  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: QueueConnectionOptions) {}

  /** A new board (page, assets and JSON API) serving `options.queues`. */
  handler(options: QueueDashboardOptions): RequestHandler {
    const serverAdapter = new ExpressAdapter().setBasePath(options.basePath);
    createBullBoard({
      queues: options.queues.map(
        (name) => new BullMQAdapter(this.open(name), { readOnlyMode: options.readOnly }),
      ),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'agentrt queues' } },
    });
    return serverAdapter.getRouter() as RequestHandler;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((queue) => queue.close()));
  }

  private open(name: QueueName): Queue {
    const queue = new Queue(name, {
      connection: redisOptionsFromUrl(this.connection.url),
      prefix: this.connection.prefix,
    });
    queue.on('error', (error) =>
      this.logger.warn({ err: error.message, queue: name }, 'dashboard queue error'),
    );
    this.opened.push(queue);
    return queue;
  }
}
