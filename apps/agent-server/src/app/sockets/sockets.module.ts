import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BASH_EVENT_SOURCE, type BashEventSource } from '../bash/bash-event-source';
import { ConversationsModule } from '../conversations/conversations.module';
import { SocketMetrics } from '../metrics/socket-metrics';
import { BashEventStream } from './bash-event-stream';
import { BashEventsGateway } from './bash-events.gateway';
import { EventsGateway } from './events.gateway';
import { PrefixWsAdapter } from './prefix-ws-adapter';
import { DEFAULT_SOCKET_LIMITS, SOCKET_LIMITS } from './socket-limits';

/** Finds the bash event source wherever it is provided, or nothing without a bash module. */
function findBashEvents(moduleRef: ModuleRef): BashEventSource | undefined {
  try {
    return moduleRef.get<BashEventSource>(BASH_EVENT_SOURCE, { strict: false });
  } catch {
    return undefined;
  }
}

/** `/sockets/events/{conversation_id}` and `/sockets/bash-events`. */
@Module({
  imports: [ConversationsModule],
  providers: [
    EventsGateway,
    BashEventsGateway,
    SocketMetrics,
    { provide: SOCKET_LIMITS, useValue: DEFAULT_SOCKET_LIMITS },
    {
      provide: BashEventStream,
      inject: [ModuleRef],
      useFactory: (moduleRef: ModuleRef) => new BashEventStream(() => findBashEvents(moduleRef)),
    },
  ],
})
export class SocketsModule {}

/** For `runApp`'s `configure` hook: the sockets need the prefix-routing WebSocket adapter. */
export function useSocketAdapter(app: INestApplication): void {
  app.useWebSocketAdapter(new PrefixWsAdapter(app));
}
