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
import { toLocalInspection } from './local-inspection';
import { logFileOf, tmuxSocketOf } from './local-naming';
import { LocalStarter } from './local-starter';
import { localState } from './local-state';
import { handleOf, notFound } from './local-handle';
import { logTail } from './log-tail';
import { OwnedRecords, type OwnedRecord } from './owned-records';
import { pollUntil } from './poll';
import { signalGroup, type ExitListener } from './process-group';
import { removeRuntime, type Removal } from './local-remover';
import { exitMessage, RuntimeEvents } from './runtime-events';

/**
 * Runs each runtime as a process group (the agent server) in `<root>/<runtimeId>` on its own
 * loopback port, as the spec's user and under a memory cap per process. Processes carry no
 * labels, so ownership (and each runtime's events) lives in `<root>/.owned/`.
 */
export class LocalBackend implements RuntimeBackend {
  readonly name = 'local' as const;
  private readonly records: OwnedRecords;
  private readonly events: RuntimeEvents;
  private readonly starter: LocalStarter;
  /** Runtimes being removed: their exit is the stop's doing, not an event to record. */
  private readonly removing = new Set<string>();

  constructor(private readonly options: LocalBackendOptions) {
    this.records = new OwnedRecords(options.root);
    this.events = new RuntimeEvents(options.root);
    this.starter = new LocalStarter(options, this.store(), {
      remove: (removal) => this.remove(removal),
      exited: (runtimeId) => this.exitRecorder(runtimeId),
    });
  }

  start(spec: RuntimeSpec): Promise<RuntimeHandle> {
    return this.starter.start(spec);
  }

  /** Idempotent: a runtime without a record is already gone. */
  async stop(handle: RuntimeHandle): Promise<void> {
    const record = await this.records.read(handle.runtimeId);
    const alive = record && (await localState(record, false)).alive;
    const pid = alive ? record.pid : undefined;
    await this.remove({ runtimeId: handle.runtimeId, pid, limits: record?.limits });
  }

  /** Returns once the leader is stopped, so a following inspect already says paused. */
  async pause(handle: RuntimeHandle): Promise<void> {
    const record = await this.liveRecord(handle);
    signalGroup(record.pid, 'SIGSTOP');
    const stopped = async () => (await localState(record, false)).status !== 'running';
    await pollUntil(stopped, 2_000, 10);
    await this.events.append(record.runtimeId, 'Paused', 'process group stopped (SIGSTOP)');
  }

  async resume(handle: RuntimeHandle): Promise<RuntimeHandle> {
    const record = await this.liveRecord(handle);
    signalGroup(record.pid, 'SIGCONT');
    await this.events.append(record.runtimeId, 'Resumed', 'process group continued (SIGCONT)');
    return handleOf(record);
  }

  async inspect(handle: RuntimeHandle): Promise<RuntimeInspection> {
    const record = await this.records.read(handle.runtimeId);
    if (!record) return notFound();
    const state = await localState(record, true);
    const events = await this.events.read(record.runtimeId);
    const tail = await logTail(logFileOf(record.workspace), this.options.logTailLines ?? 50);
    return toLocalInspection(record, state, events, tail);
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

  /** Runs argv in the workspace, as the runtime's user and under its memory cap. */
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
    return execIn(argv, record.workspace, env, options?.timeoutMs ?? 60_000, record.limits);
  }

  attachCommand(handle: RuntimeHandle, tmuxSession: string): string[] {
    return ['tmux', '-L', tmuxSocketOf(handle.runtimeId), 'attach', '-t', tmuxSession];
  }

  /** Processes on this machine are always available. */
  ping(): Promise<void> {
    return Promise.resolve();
  }

  private store(): { records: OwnedRecords; events: RuntimeEvents } {
    return { records: this.records, events: this.events };
  }

  private async liveRecord(handle: RuntimeHandle): Promise<OwnedRecord> {
    const record = await this.records.read(handle.runtimeId);
    if (record && (await localState(record, false)).alive) return record;
    throw new RuntimeBackendError('not_found', `local runtime ${handle.runtimeId} is not running`);
  }

  private async remove(removal: Removal): Promise<void> {
    this.removing.add(removal.runtimeId);
    try {
      await removeRuntime(this.options, this.store(), removal);
    } finally {
      this.removing.delete(removal.runtimeId);
    }
  }

  /** Records how a runtime this instance started ended, unless a stop ended it. */
  private exitRecorder(runtimeId: string): ExitListener {
    return (pid, code, signal) => {
      const record = async (): Promise<void> => {
        if (this.removing.has(runtimeId)) return;
        if ((await this.records.read(runtimeId))?.pid !== pid) return;
        await this.events.append(runtimeId, 'Exited', exitMessage(code, signal));
      };
      // Nobody awaits an exit; a failed write only loses the event.
      record().catch(() => undefined);
    };
  }
}
