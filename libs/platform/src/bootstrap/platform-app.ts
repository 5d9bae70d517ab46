import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { refuseInvalidUtf8, translateBodyParserErrors } from '../http/body-parser-errors';
import { ErrorBodyFilter } from '../http/error-body.filter';
import { ContractValidationPipe } from '../http/validation';
import { assignRequestId } from '../logging/request-id';

export interface PlatformAppOptions {
  /** Largest JSON body accepted; bigger ones get 413. */
  bodyLimit?: string;
  /** Middleware that must see raw requests, mounted ahead of the body parsers and every route. */
  mountBeforeParsers?: (app: NestExpressApplication) => void;
}

/**
 * A Nest app with the platform's logger, body parser, error body and validation: what every
 * agentrt HTTP server shares, whether it is an app's main server or a second one (an admin port).
 * The module must import `JsonLoggingModule`.
 */
export async function createPlatformApp(
  module: DynamicModule,
  options: PlatformAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(assignRequestId);
  options.mountBeforeParsers?.(app);
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb', verify: refuseInvalidUtf8 });
  app.use(translateBodyParserErrors);
  app.useGlobalFilters(new ErrorBodyFilter());
  app.useGlobalPipes(new ContractValidationPipe());
  return app;
}

export interface CompanionAppOptions extends PlatformAppOptions {
  /** Names the server in its "listening" log line, e.g. `gateway admin`. */
  name: string;
  module: DynamicModule;
  host: string;
  /** 0 lets the OS choose (tests); read the address from `app.getUrl()`. */
  port: number;
  /** Setup after the parsers, before the routes (e.g. authentication middleware). */
  configure?: (app: NestExpressApplication) => void;
}

/**
 * Boots a second HTTP server in the same process (e.g. an admin port), set up like the main one.
 * Return it from `BootOptions.afterListen` so it is closed with the main app on SIGTERM.
 */
export async function startCompanionApp(
  options: CompanionAppOptions,
): Promise<NestExpressApplication> {
  const app = await createPlatformApp(options.module, options);
  options.configure?.(app);
  await app.listen(options.port, options.host);
  app.get(Logger).log({ url: await app.getUrl() }, `${options.name} listening`);
  return app;
}
