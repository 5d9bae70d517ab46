import type { ProxyLogger } from '../proxy-target';

/** Keeps what the proxy logged, so tests can check it explains its failures. */
export class RecordingLogger implements ProxyLogger {
  readonly lines: { level: 'warn' | 'error'; message: string; fields: Record<string, unknown> }[] =
    [];

  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'error', message, fields });
  }
}
