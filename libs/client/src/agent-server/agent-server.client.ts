import {
  type ConversationInfo,
  ConversationInfoSchema,
  type Event,
  EventPageSchema,
  SESSION_API_KEY_HEADER,
  type StartConversationRequest,
} from '@agentrt/contracts';
import { z } from 'zod';
import { HttpService } from '../http/http-service';

export interface AgentServerClientOptions {
  /** The runtime's `url` (through a runtime proxy) or an agent server's own address. */
  baseUrl: string;
  sessionApiKey: string;
  requestId?: string;
  timeoutMs?: number;
}

export interface EventQuery {
  page_id?: string;
  limit?: number;
  kind?: string;
  sort_order?: 'TIMESTAMP' | 'TIMESTAMP_DESC';
  timestamp__gte?: string;
}

const SuccessSchema = z.unknown();

/** The Agent Server API (agent-server.md) of one runtime. */
export class AgentServerClient {
  private readonly http: HttpService;

  constructor(options: AgentServerClientOptions) {
    const headers: Record<string, string> = { [SESSION_API_KEY_HEADER]: options.sessionApiKey };
    if (options.requestId) headers['X-Request-Id'] = options.requestId;
    this.http = new HttpService({
      baseUrl: options.baseUrl,
      headers,
      timeoutMs: options.timeoutMs,
    });
  }

  createConversation(
    request: Partial<StartConversationRequest> & Pick<StartConversationRequest, 'agent'>,
  ): Promise<ConversationInfo> {
    return this.http.json('/api/conversations', ConversationInfoSchema, { body: request });
  }

  conversation(conversationId: string): Promise<ConversationInfo> {
    return this.http.json(`/api/conversations/${conversationId}`, ConversationInfoSchema);
  }

  /** Sends a user message; `run` starts the agent loop when it is idle. */
  async sendMessage(conversationId: string, text: string, run: boolean): Promise<void> {
    const body = { role: 'user', content: [{ type: 'text', text }], run };
    await this.http.json(`/api/conversations/${conversationId}/events`, SuccessSchema, { body });
  }

  async run(conversationId: string): Promise<void> {
    await this.http.json(`/api/conversations/${conversationId}/run`, SuccessSchema, {
      method: 'POST',
    });
  }

  async pause(conversationId: string): Promise<void> {
    await this.http.json(`/api/conversations/${conversationId}/pause`, SuccessSchema, {
      method: 'POST',
    });
  }

  /** `actionInput` (agentrt's extension): accept, running the pending action with this input. */
  async respondToConfirmation(
    conversationId: string,
    accept: boolean,
    reason?: string,
    actionInput?: Record<string, unknown>,
  ): Promise<void> {
    const body = {
      accept,
      ...(reason === undefined ? {} : { reason }),
      ...(actionInput === undefined ? {} : { action_input: actionInput }),
    };
    await this.http.json(
      `/api/conversations/${conversationId}/events/respond_to_confirmation`,
      SuccessSchema,
      { body },
    );
  }

  /** One page of events, oldest first unless asked otherwise. */
  searchEvents(
    conversationId: string,
    query: EventQuery = {},
  ): Promise<{ items: Event[]; next_page_id?: string | null }> {
    return this.http.json(`/api/conversations/${conversationId}/events/search`, EventPageSchema, {
      query: { ...query },
    });
  }

  /** Every event of a conversation, oldest first (follows pages). */
  async allEvents(
    conversationId: string,
    query: Omit<EventQuery, 'page_id'> = {},
  ): Promise<Event[]> {
    const events: Event[] = [];
    let pageId: string | undefined;
    do {
      const page = await this.searchEvents(conversationId, {
        ...query,
        limit: 100,
        page_id: pageId,
      });
      events.push(...page.items);
      pageId = page.next_page_id ?? undefined;
    } while (pageId);
    return events;
  }

  /** Uploads bytes to an absolute path inside the runtime (the agent server checks the root). */
  async uploadFile(path: string, content: Blob, filename: string): Promise<void> {
    const form = new FormData();
    form.append('file', content, filename);
    await this.http.json('/api/file/upload', SuccessSchema, {
      query: { path },
      body: form,
      timeoutMs: 120_000,
    });
  }
}
