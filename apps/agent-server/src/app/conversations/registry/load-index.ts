import type { Logger } from '@nestjs/common';
import { Conversation } from '../model/conversation';
import type { ConversationContext } from '../model/conversation-context';
import { recordInterruptedRun } from '../runs/interrupted-run';
import type { ConversationStore } from '../store/conversation-store';
import type { StoredConversation } from '../store/stored-conversation';

/**
 * Reads every stored conversation into `into`, at boot. Deletions a crash interrupted are
 * finished; a conversation that was `running` comes back as `error`, saying why.
 */
export async function loadIndex(
  store: ConversationStore,
  context: ConversationContext,
  into: Map<string, Conversation>,
  logger: Logger,
): Promise<void> {
  const interrupted: Conversation[] = [];
  for (const id of await store.ids()) {
    const stored = await readMeta(store, id, logger);
    if (!stored) continue;
    if (stored.info.execution_status === 'deleting') {
      await store.remove(id);
      continue;
    }
    const conversation = new Conversation(stored, context);
    into.set(id, conversation);
    if (stored.info.execution_status === 'running') interrupted.push(conversation);
  }
  for (const conversation of interrupted) await recordInterruptedRun(conversation);
  logger.log(
    { conversations: into.size, interrupted_runs: interrupted.length },
    'conversations indexed',
  );
}

async function readMeta(
  store: ConversationStore,
  id: string,
  logger: Logger,
): Promise<StoredConversation | undefined> {
  try {
    return await store.readMeta(id);
  } catch (error) {
    logger.warn(
      { err: error, conversation_id: id },
      'skipped a conversation with unreadable metadata',
    );
    return undefined;
  }
}
