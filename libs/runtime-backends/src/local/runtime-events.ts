import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuntimeEventRecord } from '../runtime-backend';

/** What happens to a local runtime, as the events its inspection shows. */
export type LocalEventReason = 'Started' | 'Exited' | 'Paused' | 'Resumed';

/**
 * One JSON line per event in `<root>/.owned/<runtimeId>.events.jsonl`, next to the ownership
 * record and owned by the backend (the runtime's user cannot forge them, unlike its workspace).
 */
export class RuntimeEvents {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, '.owned');
  }

  async append(runtimeId: string, reason: LocalEventReason, message: string): Promise<void> {
    const event: RuntimeEventRecord = { at: new Date().toISOString(), reason, message };
    await appendFile(this.path(runtimeId), `${JSON.stringify(event)}\n`);
  }

  /** The events in order; lines that do not parse (a write cut short) are skipped. */
  async read(runtimeId: string): Promise<RuntimeEventRecord[]> {
    const text = await readFile(this.path(runtimeId), 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as RuntimeEventRecord];
        } catch {
          return [];
        }
      });
  }

  async remove(runtimeId: string): Promise<void> {
    await rm(this.path(runtimeId), { force: true });
  }

  private path(runtimeId: string): string {
    return join(this.dir, `${runtimeId}.events.jsonl`);
  }
}

/** The message of an observed exit. */
export function exitMessage(code: number | null, signal: NodeJS.Signals | null): string {
  return code === null ? `killed by signal ${signal ?? 'unknown'}` : `exited with code ${code}`;
}
