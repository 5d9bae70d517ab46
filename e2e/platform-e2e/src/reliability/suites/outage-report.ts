import { PhasedLoad } from './phased-load';
import type { Service } from './readiness';

/** What R3 observed, for its `[R3]` lines. */
export interface OutageReport {
  services: Service[];
  /** Per service, ms from the stop to its not-ready report, then from the restart to ready. */
  noticed: number[];
  recovered: number[];
  downFor: number;
  load: PhasedLoad;
  exited: string[];
  agentsAlive: number;
  runtimes: number;
  kept: number;
  queueStatus: number;
}

export function printOutageReport(r: OutageReport): void {
  const each = (ms: number[]) =>
    r.services.map((s, i) => `${s.name} ${((ms[i] ?? 0) / 1000).toFixed(1)} s`).join(', ');
  const tally = (phase: Parameters<PhasedLoad['inPhase']>[0]) =>
    PhasedLoad.tally(r.load.inPhase(phase));
  const requests = [...new Set(r.load.results.map((result) => result.request))];
  const lines = [
    `Redis (AOF) stopped for ${(r.downFor / 1000).toFixed(1)} s`,
    `not-ready reported after: ${each(r.noticed)}`,
    `ready again after Redis came back: ${each(r.recovered)}, no restart`,
    `load: ${r.load.results.length} GET requests at concurrency 4 over ${requests.join('; ')}`,
    `load before: ${tally('before')}`,
    `load during the outage: ${tally('outage')}`,
    ...PhasedLoad.tallyByRequest(r.load.inPhase('outage')).map((line) => `  ${line}`),
    `load while recovering: ${tally('recovery')}`,
    `load after: ${tally('after')}`,
    `processes exited: ${r.exited.join(', ') || 'none'} (of runtime-api, build-service, ` +
      `gateway); agent servers alive: ${r.agentsAlive}/${r.runtimes}`,
    `queue round trip (runtime-api -> build-service) after recovery: ${r.queueStatus}`,
    `runtime records made before the outage kept (listed, running, same session key): ` +
      `${r.kept}/${r.runtimes}`,
  ];
  process.stdout.write(lines.map((line) => `[R3] ${line}\n`).join(''));
}
