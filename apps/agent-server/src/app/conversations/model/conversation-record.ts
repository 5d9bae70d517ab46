import type { ConversationInfo, Secrets } from '@agentrt/contracts';
import { SerialWriter } from '../store/serial-writer';
import type { StoredConversation } from '../store/stored-conversation';

/** How long `updated_at` may stay unsaved after an event: a burst of events writes once. */
const TOUCH_SAVE_DELAY_MS = 1000;

/**
 * A conversation's metadata (`meta.json`): always in memory, since it is small and search and
 * count read it for every conversation. Changes are saved before they are reported.
 */
export class ConversationRecord {
  private readonly writer: SerialWriter;
  private touchTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stored: StoredConversation,
    persist: (stored: StoredConversation) => Promise<void>,
    private readonly now: () => string,
  ) {
    this.writer = new SerialWriter(() => persist(this.stored));
  }

  /** The stored info, credentials in clear; mask it before it leaves the server. */
  get info(): ConversationInfo {
    return this.stored.info;
  }

  get secrets(): Secrets {
    return this.stored.secrets;
  }

  /** Applies `mutate` to the info, stamps `updated_at` and saves. */
  update(mutate: (info: ConversationInfo) => void): Promise<void> {
    mutate(this.stored.info);
    return this.saveNow();
  }

  /** Adds `secrets`, replacing those of the same name, and saves. */
  mergeSecrets(secrets: Secrets): Promise<void> {
    this.stored.secrets = { ...this.stored.secrets, ...secrets };
    return this.saveNow();
  }

  /** Stamps `updated_at` now and saves it soon. */
  touch(): void {
    this.stored.info.updated_at = this.now();
    // A failed save needs no handling here: the next save writes the whole record again.
    this.touchTimer ??= setTimeout(
      () => void this.flush().catch(() => undefined),
      TOUCH_SAVE_DELAY_MS,
    );
    this.touchTimer.unref();
  }

  /** Saves a pending touch now; resolves once every write so far is on disk. */
  async flush(): Promise<void> {
    if (this.touchTimer) {
      clearTimeout(this.touchTimer);
      this.touchTimer = undefined;
      await this.writer.save();
    }
    await this.writer.idle();
  }

  private saveNow(): Promise<void> {
    this.stored.info.updated_at = this.now();
    if (this.touchTimer) clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    return this.writer.save();
  }
}
