import { type ExecFileException, execFile } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import type { LatencyHistogram } from './latency-histogram';

/** Debian's `wrk` 4.1 (scripts/dev-env.sh installs it). */
const WRK = '/usr/bin/wrk';
const REPORT_SCRIPT = join(__dirname, 'wrk-report.lua');
/** Past the run itself: wrk's start, and done() walking the histogram. */
const EXIT_MARGIN_MS = 30_000;

export interface WrkOptions {
  /** Keep-alive connections, each with one request in flight. */
  connections: number;
  /** Run length; wrk takes whole seconds (at least 1). */
  durationMs: number;
  /** All connections together, on a fixed schedule; unset: a closed loop, as fast as answers come. */
  ratePerSecond?: number;
  headers?: Record<string, string>;
}

export interface WrkResult {
  /** Answers received (non-2xx ones included: they are also counted in `errors`). */
  requests: number;
  /** Connect, read, write and timeout failures, and answers with a status >= 400. */
  errors: number;
  requestsPerSecond: number;
  /** Every answer's latency as wrk measured it (from the request's write). */
  histogram: LatencyHistogram;
}

const reportSchema = z.object({
  requests: z.number().int().nonnegative(),
  duration_us: z.number().int().positive(),
  errors: z.object({
    connect: z.number().int(),
    read: z.number().int(),
    write: z.number().int(),
    status: z.number().int(),
    timeout: z.number().int(),
  }),
  latency_us: z.array(z.tuple([z.number().int(), z.number().int().positive()])),
});
type WrkReport = z.infer<typeof reportSchema>;

/** One wrk run (one thread, so one Lua state and one schedule) against `url`. */
export async function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const seconds = Math.max(1, Math.round(options.durationMs / 1000));
  const headers = Object.entries(options.headers ?? {}).flatMap(([name, value]) => [
    '-H',
    `${name}: ${value}`,
  ]);
  const args = ['-t1', `-c${options.connections}`, `-d${seconds}s`, '--timeout', '10s'];
  // wrk needs nothing from our environment; the script's one switch is WRK_RATE.
  const env: Record<string, string> = {};
  if (options.ratePerSecond !== undefined) env['WRK_RATE'] = `${options.ratePerSecond}`;
  const stdout = await exec([...args, ...headers, '-s', REPORT_SCRIPT, url], env, seconds * 1000);
  const report = parseReport(stdout);
  const histogram = undoCorrection(report, options.connections);
  checkCounts(report, histogram);
  const errors = Object.values(report.errors).reduce((sum, count) => sum + count, 0);
  return {
    requests: report.requests,
    errors,
    requestsPerSecond: report.requests / (report.duration_us / 1e6),
    histogram,
  };
}

function exec(args: string[], env: Record<string, string>, runMs: number): Promise<string> {
  const options = { env, timeout: runMs + EXIT_MARGIN_MS, maxBuffer: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    execFile(WRK, args, options, (error, stdout, stderr) => {
      if (error) reject(new Error(failure(error, stderr)));
      else resolve(stdout);
    });
  });
}

function failure(error: ExecFileException, stderr: string): string {
  if (error.code === 'ENOENT') return `${WRK} not found (install wrk: bash scripts/dev-env.sh)`;
  if (error.killed) return `wrk did not exit within its run plus ${EXIT_MARGIN_MS} ms`;
  return `wrk failed (exit ${String(error.code ?? error.signal)}): ${stderr.trim()}`;
}

function parseReport(stdout: string): WrkReport {
  const line = stdout.split('\n').find((text) => text.startsWith('{'));
  // wrk runs on without the script when the script fails to load: no line, its error above.
  if (line === undefined) throw new Error(`wrk printed no report line:\n${stdout}`);
  return reportSchema.parse(JSON.parse(line));
}

/**
 * wrk 4.1 always "corrects" its histogram for coordinated omission before done() sees it: with
 * `expected` = duration / (requests / connections), every latency n >= 2 x expected adds its count
 * again at n - expected, n - 2 x expected, ... while above expected (stats_correct in its
 * stats.c). Those are made-up requests; taking them back out, from the top down, leaves what
 * was measured.
 */
function undoCorrection(report: WrkReport, connections: number): LatencyHistogram {
  const corrected = new Map(report.latency_us);
  const perConnection = Math.floor(report.requests / connections);
  // wrk corrects nothing with fewer answers than connections (and could not with expected 0).
  const expected = perConnection === 0 ? 0 : Math.floor(report.duration_us / perConnection);
  if (expected === 0) return corrected;
  const descending = [...corrected.keys()].sort((a, b) => b - a);
  const top = descending[0] ?? 0;
  const measured = new Map<number, number>();
  for (const us of descending) {
    let added = 0;
    for (let from = us + expected; us > expected && from <= top; from += expected) {
      added += measured.get(from) ?? 0;
    }
    const count = (corrected.get(us) ?? 0) - added;
    if (count < 0) throw new Error(`wrk's histogram is not one its correction made (at ${us} us)`);
    if (count > 0) measured.set(us, count);
  }
  return measured;
}

/** Every answer has one latency, except those past --timeout (counted as timeouts instead). */
function checkCounts(report: WrkReport, histogram: LatencyHistogram): void {
  const counted = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (counted > report.requests || counted < report.requests - report.errors.timeout) {
    throw new Error(`wrk: ${counted} latencies for ${report.requests} answers`);
  }
}
