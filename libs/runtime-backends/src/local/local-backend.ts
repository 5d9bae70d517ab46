import type {
  ExecResult,
  OwnedRuntime,
  RuntimeBackend,
  RuntimeHandle,
  RuntimeInspection,
  RuntimeSpec,
} from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { LABELS } from '../labels';
import type { LocalBackendOptions } from './local-backend-options';
import { execIn } from './local-exec';
import { logFileOf, tmuxSocketOf } from './local-naming';
import { LocalStarter } from './local-starter';
import { localState } from './local-state';
import { handleOf, notFound } from './local-handle';
import { logTail } from './log-tail';
import { OwnedRecords, type OwnedRecord } from './owned-records';
import { pollUntil } from './poll';
import { signalGroup } from './process-group';
import { removeRuntime } from './local-remover';

/**
 * Runs each runtime as a process group (the agent server) in `<root>/<runtimeId>` on its own
 * loopback port. Processes carry no labels, so ownership lives in `<root>/.owned/*.json`.
 */
export class LocalBackend implements RuntimeBackend {
  readonly name = 'local' as const;
  private readonly records: OwnedRecords;
  private readonly starter: LocalStarter;

  constructor(private readonly options: LocalBackendOptions) {
    this.records = new OwnedRecords(options.root);
    this.starter = new LocalStarter(options, this.records, (id, pid) => this.remove(id, pid));
  }

  start(spec: RuntimeSpec): Promise<RuntimeHandle> {
    return this.starter.start(spec);
  }

  /** Idempotent: a runtime without a record is already gone. */
  async stop(handle: RuntimeHandle): Promise<void> {
    const record = await this.records.read(handle.runtimeId);
    const alive = record && (await localState(record, false)).alive;
    await this.remove(handle.runtimeId, alive ? record.pid : undefined);
  }

  /** Returns once the leader is stopped, so a following inspect already says paused. */
  async pause(handle: RuntimeHandle): Promise<void> {
    const record = await this.liveRecord(handle);
    signalGroup(record.pid, 'SIGSTOP');
    const stopped = async () => (await localState(record, false)).status !== 'running';
    await pollUntil(stopped, 2_000, 10);
  }

  async resume(handle: RuntimeHandle): Promise<RuntimeHandle> {
    const record = await this.liveRecord(handle);
    signalGroup(record.pid, 'SIGCONT');
    return handleOf(record);
  }

  async inspect(handle: RuntimeHandle): Promise<RuntimeInspection> {
    const record = await this.records.read(handle.runtimeId);
    if (!record) return notFound();
    const state = await localState(record, true);
    // A record whose process is gone means the runtime died without being stopped.
    const [status, podStatus] = state.alive
      ? [state.status, state.podStatus]
      : (['error', 'failed'] as const);
    const logsTail = await logTail(logFileOf(record.workspace), this.tailLines());
    const restartReasons: string[] = [];
    return {
      status,
      podStatus,
      restartCount: 0,
      restartReasons,
      logsTail,
      events: [],
      createdAt: record.createdAt,
      labels: record.labels,
    };
  }

  /** Runtimes recorded for this owner; dead ones are listed as `stopped` so a sweep clears them. */
  async list(): Promise<OwnedRuntime[]> {
    const mine = (await this.records.all()).filter(
      (r) => r.labels[LABELS.owner] === this.options.owner,
    );
    return Promise.all(
      mine.map(async (record) => ({
        handle: handleOf(record),
        sessionId: record.sessionId,
        status: (await localState(record, false)).status,
        createdAt: record.createdAt,
        labels: record.labels,
      })),
    );
  }

  async exec(
    handle: RuntimeHandle,
    argv: readonly string[],
    options?: { timeoutMs?: number },
  ): Promise<ExecResult> {
    const record = await this.liveRecord(handle);
    const env = {
      ...this.options.baseEnvironment,
      WORKSPACE_DIR: record.workspace,
      TMUX_SOCKET: tmuxSocketOf(record.runtimeId),
    };
    return execIn(argv, record.workspace, env, options?.timeoutMs ?? 60_000);
  }

  attachCommand(handle: RuntimeHandle, tmuxSession: string): string[] {
    return ['tmux', '-L', tmuxSocketOf(handle.runtimeId), 'attach', '-t', tmuxSession];
  }

  /** Processes on this machine are always available. */
  ping(): Promise<void> {
    return Promise.resolve();
  }

  private async liveRecord(handle: RuntimeHandle): Promise<OwnedRecord> {
    const record = await this.records.read(handle.runtimeId);
    if (record && (await localState(record, false)).alive) return record;
    throw new RuntimeBackendError('not_found', `local runtime ${handle.runtimeId} is not running`);
  }

  private remove(runtimeId: string, pid: number | undefined): Promise<void> {
    return removeRuntime(this.options, this.records, runtimeId, pid);
  }

  private tailLines(): number {
    return this.options.logTailLines ?? 50;
  }
}
