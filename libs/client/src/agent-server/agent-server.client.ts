import {
  type BashCommand,
  BashCommandSchema,
  type BashEventPage,
  BashEventPageSchema,
  type BashOutput,
  BashOutputSchema,
  type ConversationInfo,
  ConversationInfoSchema,
  type ConversationPage,
  ConversationPageSchema,
  type Event,
  type EventPage,
  EventPageSchema,
  SESSION_API_KEY_HEADER,
  type StartConversationRequest,
  SuccessResponseSchema,
} from '@agentrt/contracts';
import { z } from 'zod';
import { ApiCallError } from '../http/api-call-error';
import { HttpService } from '../http/http-service';
import type { RetryOptions } from '../http/retry-policy';
import type {
  BashEventQuery,
  BashOptions,
  ConversationQuery,
  EventQuery,
} from './agent-server.queries';

export interface AgentServerClientOptions extends RetryOptions {
  /** The runtime's `url` (through a runtime proxy) or an agent server's own address. */
  baseUrl: string;
  sessionApiKey: string;
  requestId?: string;
  timeoutMs?: number;
}

/** Per-call settings of the calls that may run long. */
export interface LongCallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

const SuccessSchema = z.unknown();
/** The agent server's default command timeout (seconds) when a call sets none. */
const DEFAULT_BASH_TIMEOUT_S = 300;
/** Allowance on top of a command's own timeout for the answer to come back. */
const BASH_ANSWER_MARGIN_MS = 15_000;
const FILE_TIMEOUT_MS = 120_000;

/**
 * The Agent Server API (agent-server.md) of one runtime. Answers are parsed with the contracts'
 * schemas; GET and DELETE calls are retried on a failed connection, the rest are not (a POST
 * may have been acted on), except the ones marked idempotent below.
 */
export class AgentServerClient {
  private readonly http: HttpService;

  constructor(options: AgentServerClientOptions) {
    const { baseUrl, sessionApiKey, requestId, timeoutMs, ...retry } = options;
    const headers: Record<string, string> = { [SESSION_API_KEY_HEADER]: sessionApiKey };
    if (requestId) headers['X-Request-Id'] = requestId;
    this.http = new HttpService({ ...retry, baseUrl, headers, timeoutMs });
  }

  /** With a `conversation_id` this is safe to repeat: the server answers 200 when it exists. */
  createConversation(
    request: Partial<StartConversationRequest> & Pick<StartConversationRequest, 'agent'>,
  ): Promise<ConversationInfo> {
    return this.http.json('/api/conversations', ConversationInfoSchema, {
      body: request,
      idempotent: request.conversation_id !== undefined,
    });
  }

  conversation(conversationId: string): Promise<ConversationInfo> {
    return this.http.json(`/api/conversations/${conversationId}`, ConversationInfoSchema);
  }

  /** One page of conversations, newest first unless asked otherwise. */
  searchConversations(query: ConversationQuery = {}): Promise<ConversationPage> {
    return this.http.json('/api/conversations/search', ConversationPageSchema, {
      query: { ...query },
    });
  }

  /** Stops its run and removes it with its events; open event streams end (then 4004). */
  async deleteConversation(conversationId: string): Promise<void> {
    await this.http.json(`/api/conversations/${conversationId}`, SuccessResponseSchema, {
      method: 'DELETE',
    });
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
    call: LongCallOptions = {},
  ): Promise<EventPage> {
    return this.http.json(`/api/conversations/${conversationId}/events/search`, EventPageSchema, {
      ...call,
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

  /**
   * Runs a shell command and waits for it: the final output, `exit_code` -1 when it hit its
   * timeout. The call's own limit is the command's timeout plus a margin for the answer.
   */
  executeBash(command: string, options: BashOptions = {}): Promise<BashOutput> {
    const timeout = options.timeout ?? DEFAULT_BASH_TIMEOUT_S;
    return this.http.json('/api/bash/execute_bash_command', BashOutputSchema, {
      body: { command, ...options, timeout },
      timeoutMs: timeout * 1000 + BASH_ANSWER_MARGIN_MS,
    });
  }

  /** Starts a shell command and answers at once; follow it with {@link bashEvents}. */
  startBash(command: string, options: BashOptions = {}): Promise<BashCommand> {
    return this.http.json('/api/bash/start_bash_command', BashCommandSchema, {
      body: { command, ...options },
    });
  }

  /** One page of bash events (commands, output chunks, errors). */
  bashEvents(query: BashEventQuery = {}): Promise<BashEventPage> {
    return this.http.json('/api/bash/bash_events/search', BashEventPageSchema, {
      query: { ...query },
    });
  }

  /** Uploads bytes to an absolute path inside the runtime (the agent server checks the root). */
  async uploadFile(path: string, content: Blob, filename: string): Promise<void> {
    const form = new FormData();
    form.append('file', content, filename);
    // Writing the same bytes to the same path twice leaves the same file: safe to retry.
    await this.http.json('/api/file/upload', SuccessSchema, {
      query: { path },
      body: form,
      timeoutMs: FILE_TIMEOUT_MS,
      idempotent: true,
    });
  }

  /** A file of the runtime, whole, by its absolute path. */
  async downloadFile(path: string, call: LongCallOptions = {}): Promise<Buffer> {
    const limit = AbortSignal.timeout(call.timeoutMs ?? FILE_TIMEOUT_MS);
    const signal = call.signal ? AbortSignal.any([limit, call.signal]) : limit;
    const response = await this.http.raw('/api/file/download', {
      query: { path },
      timeoutMs: call.timeoutMs,
      signal,
    });
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const reason = signal.aborted ? String(signal.reason) : String(error);
      throw new ApiCallError(
        'GET',
        response.url,
        undefined,
        undefined,
        `download failed: ${reason}`,
      );
    }
  }

  /**
   * A file of the runtime as a stream, for files too big to hold. The time limit covers the
   * answer's headers; the body streams for as long as it takes (stop it with `signal`).
   */
  async downloadFileStream(
    path: string,
    call: LongCallOptions = {},
  ): Promise<ReadableStream<Uint8Array>> {
    const response = await this.http.raw('/api/file/download', { ...call, query: { path } });
    return response.body ?? new Blob([]).stream();
  }
}
