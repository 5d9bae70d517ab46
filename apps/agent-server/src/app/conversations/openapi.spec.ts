import { buildOpenApiDocument } from '@agentrt/platform';
import { Test } from '@nestjs/testing';
import { ConversationCommandsController } from './conversation-commands.controller';
import { ConversationCommandsService } from './conversation-commands.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Every `$ref` in `value`, however deep. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [item] : refsIn(item),
  );
}

describe('the conversation and event routes in OpenAPI', () => {
  it('documents every route, each reference resolving to a component', async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ConversationsController, ConversationCommandsController, EventsController],
      providers: [ConversationsService, ConversationCommandsService, EventsService].map(
        (service) => ({ provide: service, useValue: {} }),
      ),
    }).compile();
    const app = moduleRef.createNestApplication();
    const document = buildOpenApiDocument(app, { title: 'agent-server', description: 'spec' });
    await app.close();

    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/conversations',
      '/api/conversations/count',
      '/api/conversations/search',
      '/api/conversations/{conversation_id}',
      '/api/conversations/{conversation_id}/confirmation_policy',
      '/api/conversations/{conversation_id}/events',
      '/api/conversations/{conversation_id}/events/count',
      '/api/conversations/{conversation_id}/events/respond_to_confirmation',
      '/api/conversations/{conversation_id}/events/search',
      '/api/conversations/{conversation_id}/events/{event_id}',
      '/api/conversations/{conversation_id}/pause',
      '/api/conversations/{conversation_id}/run',
      '/api/conversations/{conversation_id}/secrets',
    ]);
    const components = Object.keys(document.components?.schemas ?? {});
    const dangling = refsIn(document).filter(
      (ref) => !components.includes(ref.replace('#/components/schemas/', '')),
    );
    expect(dangling).toEqual([]);
  });
});
