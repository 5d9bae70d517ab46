import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { z } from 'zod';
import { ConfigError } from '../config/config-error';
import { type Environment, loadConfig } from '../config/load-config';
import { type OpenApiOptions, serveOpenApi } from '../openapi/openapi';
import { createPlatformApp } from './platform-app';
import { type Closable, exitGracefullyOnSignals } from './shutdown';

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
  /**
   * Runs once the app listens, e.g. to start a second server (`startCompanionApp`); what it
   * returns is closed before the app on SIGTERM/SIGINT. A rejection fails the boot.
   */
  afterListen?: (app: NestExpressApplication, config: z.output<S>) => Promise<Closable | void>;
}

/**
 * Boots an app the same way everywhere: config first, then Nest, errors, docs, signals.
 * Resolves to whether the app listens (false: a bad environment, already reported).
 */
export async function bootstrap<S extends z.ZodType>(options: BootOptions<S>): Promise<boolean> {
  const config = configOrExit(options);
  if (config === undefined) return false;
  const app = await createPlatformApp(options.module(config), {
    bodyLimit: options.bodyLimit,
    mountBeforeParsers: (created) => options.mountBeforeParsers?.(created, config),
  });
  const logger = app.get(Logger);
  options.configure?.(app, config);
  serveOpenApi(app, options.openApi);
  let companion: Closable | void = undefined;
  // The companion (e.g. an admin port) closes first, so nothing reaches a half-closed app.
  exitGracefullyOnSignals({ close: async () => closeInOrder(companion, app) }, logger);
  const { host, port } = options.address(config);
  await app.listen(port, host);
  logger.log({ url: `http://${host}:${port}` }, `${options.service} listening`);
  companion = await options.afterListen?.(app, config);
  return true;
}

async function closeInOrder(...closables: (Closable | void)[]): Promise<void> {
  for (const closable of closables) await closable?.close();
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
  void startApp(options);
}

/**
 * {@link runApp} for an entry that must know when the app listens (the agent server's loader
 * saves its code cache then). Resolves to whether it listens; a failed boot still exits 1.
 */
export function startApp<S extends z.ZodType>(options: BootOptions<S>): Promise<boolean> {
  return bootstrap(options).catch((error: unknown) => {
    const msg = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', service: options.service, msg: `failed to start: ${msg}` })}\n`,
    );
    return process.exit(1);
  });
}
