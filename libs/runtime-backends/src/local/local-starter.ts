import { chown, mkdir } from 'node:fs/promises';
import type { ReadinessProbe, RuntimeHandle, RuntimeSpec } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { ownershipLabels } from '../labels';
import { freeLoopbackPort } from './free-port';
import { httpOk } from './http-probe';
import type { LocalBackendOptions } from './local-backend-options';
import { handleOf } from './local-handle';
import type { Removal } from './local-remover';
import { checkRuntimeId, logFileOf, tmuxSocketOf, workspaceOf } from './local-naming';
import { logTail } from './log-tail';
import type { OwnedRecord, OwnedRecords } from './owned-records';
import { pollUntil } from './poll';
import { liveProcess, readProcStat } from './proc-stat';
import { spawnGroup, type ExitListener } from './process-group';
import type { RuntimeEvents } from './runtime-events';
import { limitedArgv, limitsOf, spawnIds, type RuntimeLimits } from './runtime-limits';

/** What the backend lends the starter: cleanup after a failed start, and exit reporting. */
export interface StarterHooks {
  remove(removal: Removal): Promise<void>;
  exited(runtimeId: string): ExitListener;
}

/** A spawned runtime before its record is written. */
type Spawned = Pick<OwnedRecord, 'pid' | 'port' | 'containerPort' | 'workspace' | 'limits'>;

/** `LocalBackend.start`: workspace, port, process group, record, then readiness. */
export class LocalStarter {
  constructor(
    private readonly options: LocalBackendOptions,
    private readonly store: { records: OwnedRecords; events: RuntimeEvents },
    private readonly hooks: StarterHooks,
  ) {}

  async start(spec: RuntimeSpec): Promise<RuntimeHandle> {
    const containerPort = this.check(spec);
    if (await this.store.records.read(spec.runtimeId)) {
      throw new RuntimeBackendError(
        'invalid_spec',
        `local runtime ${spec.runtimeId} already exists`,
      );
    }
    const limits = limitsOf(spec, this.options);
    let pid: number | undefined;
    try {
      const workspace = await this.workspace(spec.runtimeId, limits);
      const port = await freeLoopbackPort();
      const argv = spec.command.length > 0 ? spec.command : this.options.agentServerCommand;
      pid = await spawnGroup({
        argv: limitedArgv(argv, limits),
        cwd: workspace,
        env: this.environment(spec, workspace, port),
        logFile: logFileOf(workspace),
        ids: spawnIds(limits),
        onExit: this.hooks.exited(spec.runtimeId),
      });
      const record = await this.record(spec, { pid, port, containerPort, workspace, limits });
      if (spec.readiness) await this.waitReady(record, spec.readiness);
      return handleOf(record);
    } catch (error) {
      await this.hooks.remove({ runtimeId: spec.runtimeId, pid, limits });
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

  /** The workspace belongs to the runtime's user, so a runtime running as non-root can write it. */
  private async workspace(runtimeId: string, limits: RuntimeLimits): Promise<string> {
    const workspace = workspaceOf(this.options.root, runtimeId);
    await mkdir(workspace, { recursive: true });
    if (limits.uid !== undefined || limits.gid !== undefined) {
      await chown(workspace, limits.uid ?? -1, limits.gid ?? -1);
    }
    return workspace;
  }

  /** Ours come last so a spec cannot point the runtime at another port, workspace or tmux server. */
  private environment(spec: RuntimeSpec, workspace: string, port: number): Record<string, string> {
    return {
      // The runtime's user may have no passwd entry (run_as_user of any uid): give it a home.
      HOME: workspace,
      ...this.options.baseEnvironment,
      ...spec.environment,
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKSPACE_DIR: workspace,
      TMUX_SOCKET: tmuxSocketOf(spec.runtimeId),
    };
  }

  private async record(spec: RuntimeSpec, spawned: Spawned): Promise<OwnedRecord> {
    const stat = await readProcStat(spawned.pid);
    if (!stat) {
      const message = `local runtime ${spec.runtimeId} exited at once`;
      throw await this.failure('start_failed', message, spawned.workspace);
    }
    const createdAt = (this.options.now ?? (() => new Date()))();
    const record: OwnedRecord = {
      ...spawned,
      runtimeId: spec.runtimeId,
      sessionId: spec.sessionId,
      labels: {
        ...spec.labels,
        ...ownershipLabels(this.options.owner, spec.runtimeId, spec.sessionId, createdAt),
      },
      startTime: stat.startTime,
      readinessPath: spec.readiness?.path,
      createdAt: createdAt.toISOString(),
    };
    await this.store.records.write(record);
    await this.store.events.append(spec.runtimeId, 'Started', `process ${spawned.pid} started`);
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
    const began = Date.now();
    await pollUntil(settled, probe.timeoutMs, this.options.pollIntervalMs ?? 100);
    if (ready) return;
    const exited = !(await liveProcess(record.pid, record.startTime));
    const message = exited
      ? `local runtime ${record.runtimeId} exited ${Date.now() - began} ms after starting, before answering ${probe.path}`
      : `local runtime ${record.runtimeId} not ready at ${probe.path} within ${probe.timeoutMs} ms`;
    throw await this.failure('not_ready', message, record.workspace);
  }

  private async failure(reason: 'not_ready' | 'start_failed', message: string, workspace: string) {
    return new RuntimeBackendError(
      reason,
      message,
      await logTail(logFileOf(workspace), this.options.logTailLines ?? 50),
    );
  }
}
