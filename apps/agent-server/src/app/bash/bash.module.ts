import { Global, Module } from '@nestjs/common';
import { BASH_EVENT_SOURCE } from './bash-event-source';
import { BashEventStore } from './bash-event-store';
import { BashController } from './bash.controller';
import { BashService } from './bash.service';

/**
 * `/api/bash` and the source of `/sockets/bash-events`. Global so the sockets gateway can inject
 * {@link BASH_EVENT_SOURCE} without importing this feature.
 */
@Global()
@Module({
  controllers: [BashController],
  providers: [
    BashEventStore,
    BashService,
    { provide: BASH_EVENT_SOURCE, useExisting: BashEventStore },
  ],
  exports: [BASH_EVENT_SOURCE],
})
export class BashModule {}
