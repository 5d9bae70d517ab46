import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

export interface LoggingOptions {
  service: string;
  level: string;
}

/** Headers and fields that carry credentials; they never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-session-api-key"]',
  'res.headers["set-cookie"]',
];

/** Structured JSON logs (pino), one line per request, each carrying the request id. */
@Module({})
export class JsonLoggingModule {
  static forRoot({ service, level }: LoggingOptions): DynamicModule {
    return {
      module: JsonLoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            base: { service, pid: process.pid },
            messageKey: 'msg',
            // Level names and ISO times read well in `docker logs` and parse in any log stack.
            formatters: { level: (label) => ({ level: label }) },
            timestamp: stdTimeFunctions.isoTime,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            genReqId: (req, res) => {
              const id = requestIdFor(req);
              res.setHeader(REQUEST_ID_HEADER, id);
              return id;
            },
            customLogLevel: (_req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            // Probes and Prometheus scrapes come every few seconds: no request line for them.
            autoLogging: {
              ignore: (req) => ['/health', '/alive', '/metrics'].includes(req.url ?? ''),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
