import { randomUUID } from 'node:crypto';
import type {
  ConversationBatchResponse,
  ConversationCountQuery,
  ConversationInfo,
  ConversationPage,
  ConversationSearchQuery,
  StartConversationRequest,
} from '@agentrt/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Clock, CLOCK } from '../health/activity-tracker';
import { MessageSender } from './message-sender';
import { maskInfo } from './model/masking';
import { newConversation } from './model/new-conversation';
import { isoFromMicros } from './model/timestamps';
import { filterByStatus, searchConversations } from './query/conversation-search';
import { ConversationRegistry } from './registry/conversation-registry';
import { AgentRunnerRef } from './runs/agent-runner-ref';
import { WorkingDirs } from './working-dirs';

/** How long a delete waits for an aborted run to stop before removing the files anyway. */
const DELETE_GRACE_MS = 10_000;

/** Creating, finding, renaming and deleting conversations. */
@Injectable()
export class ConversationsService {
  private readonly logger = new Logger(ConversationsService.name);

  constructor(
    private readonly registry: ConversationRegistry,
    private readonly messages: MessageSender,
    private readonly runners: AgentRunnerRef,
    private readonly workingDirs: WorkingDirs,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The new conversation (`created`), or the existing one with `conversation_id`. */
  async create(
    request: StartConversationRequest,
  ): Promise<{ info: ConversationInfo; created: boolean }> {
    const id = request.conversation_id ?? randomUUID();
    const existing = await this.registry.find(id);
    if (existing) return { info: existing.maskedInfo(), created: false };
    const message = request.initial_message;
    if (message) this.messages.check(message);
    const workingDir = await this.workingDirs.prepare(request.workspace?.working_dir);
    const now = isoFromMicros(this.clock() * 1000);
    const conversation = await this.registry.create(newConversation(request, id, workingDir, now));
    if (message) await this.messages.send(conversation, message);
    return { info: conversation.maskedInfo(), created: true };
  }

  async get(id: string): Promise<ConversationInfo> {
    return (await this.registry.require(id)).maskedInfo();
  }

  async batchGet(ids: readonly string[]): Promise<ConversationBatchResponse> {
    return Promise.all(ids.map(async (id) => (await this.registry.find(id))?.maskedInfo() ?? null));
  }

  async search(query: ConversationSearchQuery): Promise<ConversationPage> {
    const page = searchConversations(await this.infos(), query);
    return { ...page, items: page.items.map(maskInfo) };
  }

  async count(query: ConversationCountQuery): Promise<number> {
    return filterByStatus(await this.infos(), query.status).length;
  }

  async rename(id: string, title: string): Promise<void> {
    await (await this.registry.require(id)).change('title', title);
  }

  /** Stops a run, frees the runner's resources, removes the files. */
  async delete(id: string): Promise<void> {
    const conversation = await this.registry.require(id);
    await conversation.markDeleted();
    await settleWithin(conversation.activeRun, DELETE_GRACE_MS);
    conversation.hub.endAll(1000, 'the conversation was deleted');
    await this.runners
      .get()
      ?.release(id)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, conversation_id: id }, 'the runner could not release'),
      );
    await conversation.close();
    await this.registry.remove(id);
  }

  private async infos(): Promise<ConversationInfo[]> {
    return (await this.registry.all()).filter((c) => !c.deleted).map((c) => c.record.info);
  }
}

async function settleWithin(task: Promise<void> | undefined, ms: number): Promise<void> {
  if (!task) return;
  await Promise.race([task, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}
