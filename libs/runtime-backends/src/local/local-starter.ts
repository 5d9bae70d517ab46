import { mkdir } from 'node:fs/promises';
import type { ReadinessProbe, RuntimeHandle, RuntimeSpec } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { ownershipLabels } from '../labels';
import { freeLoopbackPort } from './free-port';
import { httpOk } from './http-probe';
import type { LocalBackendOptions } from './local-backend-options';
import { handleOf } from './local-handle';
import { checkRuntimeId, logFileOf, tmuxSocketOf, workspaceOf } from './local-naming';
import { logTail } from './log-tail';
import type { OwnedRecord, OwnedRecords } from './owned-records';
import { pollUntil } from './poll';
import { liveProcess, readProcStat } from './proc-stat';
import { spawnGroup } from './process-group';

/** Removes whatever a runtime holds (group, workspace, record); given by the backend. */
export type Remover = (runtimeId: string, pid: number | undefined) => Promise<void>;

/** `LocalBackend.start`: workspace, port, process group, record, then readiness. */
export class LocalStarter {
  constructor(
    private readonly options: LocalBackendOptions,
    private readonly records: OwnedRecords,
    private readonly remove: Remover,
  ) {}

  async start(spec: RuntimeSpec): Promise<RuntimeHandle> {
    const containerPort = this.check(spec);
    if (await this.records.read(spec.runtimeId)) {
      throw new RuntimeBackendError(
        'invalid_spec',
        `local runtime ${spec.runtimeId} already exists`,
      );
    }
    let pid: number | undefined;
    try {
      const workspace = workspaceOf(this.options.root, spec.runtimeId);
      await mkdir(workspace, { recursive: true });
      const port = await freeLoopbackPort();
      const argv = spec.command.length > 0 ? spec.command : this.options.agentServerCommand;
      pid = await spawnGroup(
        argv,
        workspace,
        this.environment(spec, workspace, port),
        logFileOf(workspace),
      );
      const record = await this.record(spec, pid, port, containerPort, workspace);
      if (spec.readiness) await this.waitReady(record, spec.readiness);
      return handleOf(record);
    } catch (error) {
      await this.remove(spec.runtimeId, pid);
      throw error;
    }
  }

  private check(spec: RuntimeSpec): number {
    checkRuntimeId(spec.runtimeId);
    const containerPort = spec.ports[0];
    if (containerPort === undefined)
      throw new RuntimeBackendError('invalid_spec', 'a runtime needs a port');
    if (spec.readiness && spec.readiness.port !== containerPort) {
      throw new RuntimeBackendError('invalid_spec', 'the local backend probes only the first port');
    }
    return containerPort;
  }

  /** Ours come last so a spec cannot point the runtime at another port, workspace or tmux server. */
  private environment(spec: RuntimeSpec, workspace: string, port: number): Record<string, string> {
    return {
      ...this.options.baseEnvironment,
      ...spec.environment,
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKSPACE_DIR: workspace,
      TMUX_SOCKET: tmuxSocketOf(spec.runtimeId),
    };
  }

  private async record(
    spec: RuntimeSpec,
    pid: number,
    port: number,
    containerPort: number,
    workspace: string,
  ) {
    const stat = await readProcStat(pid);
    if (!stat)
      throw await this.failure(
        'start_failed',
        `local runtime ${spec.runtimeId} exited at once`,
        workspace,
      );
    const createdAt = (this.options.now ?? (() => new Date()))();
    const labels = {
      ...spec.labels,
      ...ownershipLabels(this.options.owner, spec.runtimeId, spec.sessionId, createdAt),
    };
    const record: OwnedRecord = {
      runtimeId: spec.runtimeId,
      sessionId: spec.sessionId,
      labels,
      pid,
      startTime: stat.startTime,
      port,
      containerPort,
      workspace,
      readinessPath: spec.readiness?.path,
      createdAt: createdAt.toISOString(),
    };
    await this.records.write(record);
    return record;
  }

  /** Polls the probe; stops early when the process dies, since it will never become ready then. */
  private async waitReady(record: OwnedRecord, probe: ReadinessProbe): Promise<void> {
    const url = `http://127.0.0.1:${record.port}${probe.path}`;
    let ready = false;
    const settled = async () => {
      ready = await httpOk(url, 1_000);
      return ready || !(await liveProcess(record.pid, record.startTime));
    };
    await pollUntil(settled, probe.timeoutMs, this.options.pollIntervalMs ?? 100);
    if (ready) return;
    throw await this.failure(
      'not_ready',
      `local runtime ${record.runtimeId} not ready at ${probe.path} within ${probe.timeoutMs} ms`,
      record.workspace,
    );
  }

  private async failure(reason: 'not_ready' | 'start_failed', message: string, workspace: string) {
    return new RuntimeBackendError(
      reason,
      message,
      await logTail(logFileOf(workspace), this.options.logTailLines ?? 50),
    );
  }
}
