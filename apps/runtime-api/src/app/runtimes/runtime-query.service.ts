import type { Runtime, RuntimeLookupResponse } from '@agentrt/contracts';
import { type RuntimeRecord, RuntimeStore } from '@agentrt/runtime-state';
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { toRuntime } from './runtime-view';

/** Read side of the Runtime API: lookups by runtime, by session, and the list. */
@Injectable()
export class RuntimeQueries {
  constructor(
    private readonly store: RuntimeStore,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  view(record: RuntimeRecord): Runtime {
    return toRuntime(record, this.config.RUNTIME_PUBLIC_URL);
  }

  /** Unknown ids (and unclaimed warm runtimes) answer the `not found` marker, never 404. */
  async lookup(runtimeId: string): Promise<RuntimeLookupResponse> {
    const record = await this.store.get(runtimeId);
    if (!record || record.pool) return { runtime_id: runtimeId, pod_status: 'not found' };
    return this.view(record);
  }

  async bySession(sessionId: string): Promise<Runtime | undefined> {
    const record = await this.store.bySession(sessionId);
    return record ? this.view(record) : undefined;
  }

  /** Sessions without a live runtime are left out, as OpenHands' batch lookup expects. */
  async batch(sessionIds: readonly string[]): Promise<Runtime[]> {
    const found = await Promise.all([...new Set(sessionIds)].map((id) => this.bySession(id)));
    return found.filter((runtime): runtime is Runtime => runtime !== undefined);
  }

  /** Live runtimes handed out to clients (warm ones still in a pool are not listed). */
  async list(): Promise<Runtime[]> {
    const records = await this.store.listLive();
    return records.filter((r) => !r.pool).map((r) => this.view(r));
  }
}
