import type { Event, EventCountQuery, EventPage, EventSearchQuery } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Injectable } from '@nestjs/common';
import { countEvents, searchEvents } from './query/event-search';
import { ConversationRegistry } from './registry/conversation-registry';

/** Reading a conversation's events. Stored events are already free of secrets. */
@Injectable()
export class EventsService {
  constructor(private readonly registry: ConversationRegistry) {}

  async search(id: string, query: EventSearchQuery): Promise<EventPage> {
    return searchEvents(await this.log(id), query);
  }

  async count(id: string, query: EventCountQuery): Promise<number> {
    return countEvents(await this.log(id), query);
  }

  async get(id: string, eventId: string): Promise<Event> {
    const event = (await this.log(id)).get(eventId);
    if (!event) {
      throw new ApiException(404, `Event ${eventId} not found in conversation ${id}`, 'not_found');
    }
    return event;
  }

  private async log(id: string) {
    return (await this.registry.require(id)).events();
  }
}
