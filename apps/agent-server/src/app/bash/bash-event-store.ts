import type {
  BashEvent,
  BashEventPage,
  BashEventSearchQuery,
  BashOutput,
} from '@agentrt/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import type { BashEventSource } from './bash-event-source';
import { searchBashEvents, type SequencedEvent } from './bash-event-search';

interface StoredEvent extends SequencedEvent {
  bytes: number;
}

/**
 * Bash events in memory, oldest first, for search and `/sockets/bash-events`. Retention is
 * bounded by count (`BASH_EVENTS_MAX`) and by output size (`BASH_EVENTS_MAX_BYTES`): a command
 * printing gigabytes must not take the server's memory. The oldest events are dropped first;
 * nothing survives a restart (the OpenHands server keeps them as files, but no client reads
 * bash history across restarts).
 */
@Injectable()
export class BashEventStore implements BashEventSource {
  private readonly logger = new Logger(BashEventStore.name);
  private readonly events: StoredEvent[] = [];
  private readonly byId = new Map<string, StoredEvent>();
  private readonly listeners = new Set<(event: BashEvent) => void>();
  private nextSeq = 0;
  private bytes = 0;

  constructor(@Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig) {}

  append(event: BashEvent): void {
    const stored = { seq: this.nextSeq++, event, bytes: sizeOf(event) };
    this.events.push(stored);
    this.byId.set(event.id, stored);
    this.bytes += stored.bytes;
    this.evict();
    for (const listener of [...this.listeners]) this.notify(listener, event);
  }

  get(id: string): BashEvent | undefined {
    return this.byId.get(id)?.event;
  }

  search(query: BashEventSearchQuery): BashEventPage {
    return searchBashEvents(this.events, query);
  }

  /** The retained outputs of one command, in order. */
  outputsOf(commandId: string): BashOutput[] {
    return this.events
      .map((stored) => stored.event)
      .filter((event): event is BashOutput => event.kind === 'BashOutput')
      .filter((event) => event.command_id === commandId);
  }

  subscribe(listener: (event: BashEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  history(): readonly BashEvent[] {
    return this.events.map((stored) => stored.event);
  }

  private evict(): void {
    const { BASH_EVENTS_MAX: maxEvents, BASH_EVENTS_MAX_BYTES: maxBytes } = this.config;
    // The newest event always stays, even alone over the byte budget: it is being delivered.
    while (this.events.length > maxEvents || (this.bytes > maxBytes && this.events.length > 1)) {
      const oldest = this.events.shift();
      if (!oldest) return;
      this.byId.delete(oldest.event.id);
      this.bytes -= oldest.bytes;
    }
  }

  /** A failing subscriber (a broken socket) must not stop the command or the other subscribers. */
  private notify(listener: (event: BashEvent) => void, event: BashEvent): void {
    try {
      listener(event);
    } catch (error) {
      this.logger.warn({ err: error, event_id: event.id }, 'bash event subscriber failed');
    }
  }
}

function sizeOf(event: BashEvent): number {
  switch (event.kind) {
    case 'BashOutput':
      return Buffer.byteLength(event.stdout ?? '') + Buffer.byteLength(event.stderr ?? '');
    case 'BashCommand':
      return Buffer.byteLength(event.command);
    case 'BashError':
      return Buffer.byteLength(event.detail);
  }
}
