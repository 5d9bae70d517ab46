import type { Logger } from '@nestjs/common';
import type { Clock } from '../../health/activity-tracker';
import type { ConversationStore } from '../store/conversation-store';

/** What every conversation shares: where it is stored, the clock, the log. */
export interface ConversationContext {
  store: ConversationStore;
  clock: Clock;
  logger: Logger;
}
