import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchExec } from './benchmarks/b2-exec';
import { benchEvents } from './benchmarks/b3-events';
import { benchIdleRss } from './benchmarks/idle-rss';
import { benchBackends } from './benchmarks/backends';
import { BenchAgentServer } from './support/agent-server';
import { type BenchResult, printTable, writeJson } from './support/report';

const ALL = ['b2', 'b3', 'rss', 'backends'] as const;

/**
 * Runs the benchmarks against freshly started services (built apps in dist/), prints a table and
 * writes JSON. Everything is bounded in count and time and talks only to loopback and to the
 * containers it starts itself.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: ALL.join(',') },
      json: {
        type: 'string',
        default: join(resolve(__dirname, '../..'), 'tmp/bench/results.json'),
      },
      'base-image': { type: 'string', default: 'agentrt-local/node-base:bookworm' },
      quick: { type: 'boolean', default: false },
    },
  });
  const only = new Set(values.only.split(',').map((name) => name.trim().toLowerCase()));
  const scale = values.quick ? 0.1 : 1;
  const results: BenchResult[] = [];
  if (only.has('b2') || only.has('b3')) {
    const server = await BenchAgentServer.start();
    try {
      if (only.has('b2')) {
        console.error('[bench] B2 exec round trip ...');
        results.push(
          await benchExec(server, {
            runs: Math.round(500 * scale),
            baselineRuns: Math.round(100 * scale),
            baseImage: values['base-image'],
          }),
        );
      }
      if (only.has('b3')) {
        console.error('[bench] B3 event streaming ...');
        results.push(
          await benchEvents(server, {
            events: Math.round(10_000 * scale),
            subscribers: 50,
            liveEvents: Math.round(1_000 * scale),
          }),
        );
      }
    } finally {
      await server.stop();
    }
  }
  if (only.has('rss')) {
    console.error('[bench] idle RSS ...');
    results.push(await benchIdleRss());
  }
  if (only.has('backends')) {
    console.error('[bench] runtime backends (local, docker) ...');
    results.push(
      ...(await benchBackends({
        runs: Math.max(3, Math.round(30 * scale)),
        listSize: 20,
        agentServerMain: join(resolve(__dirname, '../..'), 'dist/apps/agent-server/main.js'),
        baseImage: values['base-image'],
      })),
    );
  }
  printTable(results);
  writeJson(values.json, results, {
    machine: {
      cpus: cpus().length,
      memory_gb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
    },
    date: new Date().toISOString(),
    scale,
  });
  console.error(`[bench] results written to ${values.json}`);
  if (results.some((result) => !result.pass)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
