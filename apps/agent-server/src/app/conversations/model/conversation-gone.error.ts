import { ApiException } from '@agentrt/platform';

/** A change reached a conversation that has been deleted meanwhile (a 404 for clients). */
export class ConversationGoneError extends ApiException {
  constructor(id: string) {
    super(404, `Conversation ${id} was deleted`, 'not_found');
  }
}
