import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuntimeLimits } from './runtime-limits';

/**
 * What the local backend remembers about a runtime it started. Processes carry no labels, so
 * this file is the ownership record that lets `list` find runtimes after the caller restarts.
 */
export interface OwnedRecord {
  runtimeId: string;
  sessionId: string;
  labels: Record<string, string>;
  /** Process id of the group leader; also the process group id (the leader starts a session). */
  pid: number;
  /** /proc start time of the leader, to tell it from a later process reusing the pid. */
  startTime: string;
  /** Host port the runtime listens on, and the container port it stands for. */
  port: number;
  containerPort: number;
  workspace: string;
  readinessPath?: string;
  createdAt: string;
  /** User, group and memory cap its processes run with; exec and stop use the same. */
  limits?: RuntimeLimits;
}

/** One JSON file per runtime under `<root>/.owned/`. */
export class OwnedRecords {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, '.owned');
  }

  async write(record: OwnedRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.path(record.runtimeId), JSON.stringify(record, null, 2));
  }

  /** The record, or undefined when there is none (or it cannot be parsed). */
  async read(runtimeId: string): Promise<OwnedRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.path(runtimeId), 'utf8')) as OwnedRecord;
    } catch {
      return undefined;
    }
  }

  async all(): Promise<OwnedRecord[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
    const records = await Promise.all(ids.map((id) => this.read(id)));
    return records.filter((r): r is OwnedRecord => r !== undefined);
  }

  async remove(runtimeId: string): Promise<void> {
    await rm(this.path(runtimeId), { force: true });
  }

  private path(runtimeId: string): string {
    return join(this.dir, `${runtimeId}.json`);
  }
}
