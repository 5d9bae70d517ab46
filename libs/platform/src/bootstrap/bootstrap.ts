import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { z } from 'zod';
import { ConfigError } from '../config/config-error';
import { type Environment, loadConfig } from '../config/load-config';
import { translateBodyParserErrors } from '../http/body-parser-errors';
import { ErrorBodyFilter } from '../http/error-body.filter';
import { ContractValidationPipe } from '../http/validation';
import { type OpenApiOptions, serveOpenApi } from '../openapi/openapi';
import { exitGracefullyOnSignals } from './shutdown';

export interface BootOptions<S extends z.ZodType> {
  service: string;
  configSchema: S;
  env: Environment;
  module: (config: z.output<S>) => DynamicModule;
  address: (config: z.output<S>) => { host: string; port: number };
  openApi: OpenApiOptions;
  /** Largest JSON body accepted; bigger ones get 413. */
  bodyLimit?: string;
  /**
   * Middleware that must see raw, unparsed requests (the runtime proxy streams bodies), mounted
   * ahead of the body parsers and every route.
   */
  mountBeforeParsers?: (app: NestExpressApplication, config: z.output<S>) => void;
  /** App-specific setup before listening (e.g. a WebSocket adapter). */
  configure?: (app: NestExpressApplication, config: z.output<S>) => void;
}

/** Boots an app the same way everywhere: config first, then Nest, errors, docs, signals. */
export async function bootstrap<S extends z.ZodType>(options: BootOptions<S>): Promise<void> {
  const config = configOrExit(options);
  if (config === undefined) return;
  const app = await NestFactory.create<NestExpressApplication>(options.module(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.disable('x-powered-by');
  options.mountBeforeParsers?.(app, config);
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.use(translateBodyParserErrors);
  app.useGlobalFilters(new ErrorBodyFilter());
  app.useGlobalPipes(new ContractValidationPipe());
  options.configure?.(app, config);
  serveOpenApi(app, options.openApi);
  exitGracefullyOnSignals(app, logger);
  const { host, port } = options.address(config);
  await app.listen(port, host);
  logger.log({ url: `http://${host}:${port}` }, `${options.service} listening`);
}

/** A bad environment stops the app with one JSON line naming every faulty variable. */
function configOrExit<S extends z.ZodType>(options: BootOptions<S>): z.output<S> | undefined {
  try {
    return loadConfig(options.service, options.configSchema, options.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = {
      level: 'fatal',
      service: options.service,
      msg: error.message,
      variables: error.variables,
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exitCode = 78; // EX_CONFIG: lets supervisors tell "misconfigured" from "crashed"
    return undefined;
  }
}

/** Entry point for `main.ts`: boots, and turns a failed boot into one fatal log line and exit 1. */
export function runApp<S extends z.ZodType>(options: BootOptions<S>): void {
  bootstrap(options).catch((error: unknown) => {
    const msg = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', service: options.service, msg: `failed to start: ${msg}` })}\n`,
    );
    process.exit(1);
  });
}
