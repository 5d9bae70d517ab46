import type Redis from 'ioredis';

/**
 * The pub/sub channel on which every write of a runtime record announces the runtime's id (from
 * inside the write's Lua script). Channels are not keys, so ioredis does not prefix them: the
 * deployment's key prefix is added here, so deployments sharing one Redis hear only their own.
 */
export function runtimeChangesChannel(redis: Redis): string {
  return `${redis.options.keyPrefix ?? ''}rt:changed`;
}

/** What a subscriber to the changes is told. */
export interface RuntimeChangeListener {
  /** The record of this runtime was written. */
  changed(runtimeId: string): void;
  /** The subscription is down: announcements may be missed until `listening` is called again. */
  lost(): void;
  /** The subscription is confirmed by Redis: from now on, every write is announced. */
  listening(): void;
}

/**
 * Follows the changes channel on a connection of its own (a subscribing connection can run no
 * other command). Redis does not queue announcements for a subscriber that is away, so the
 * listener hears `lost` whenever the connection closes and `listening` only once a SUBSCRIBE sent
 * on the new connection has been answered: any write after that answer is announced to us.
 */
export class RuntimeChangeFeed {
  private closed = false;

  private constructor(
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly listener: RuntimeChangeListener,
  ) {}

  /** Starts following on `subscriber`, which the feed then owns until `close`. */
  static follow(subscriber: Redis, listener: RuntimeChangeListener): RuntimeChangeFeed {
    const feed = new RuntimeChangeFeed(subscriber, runtimeChangesChannel(subscriber), listener);
    subscriber.on('message', (channel: string, runtimeId: string) => {
      if (channel === feed.channel) listener.changed(runtimeId);
    });
    subscriber.on('close', () => listener.lost());
    subscriber.on('ready', () => void feed.subscribe());
    if (subscriber.status === 'ready') void feed.subscribe();
    return feed;
  }

  /** Unsubscribes and closes the connection; the listener hears `lost` last. */
  async close(): Promise<void> {
    this.closed = true;
    try {
      await this.subscriber.quit();
    } catch {
      this.subscriber.disconnect();
    }
    this.listener.lost();
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
      if (!this.closed && this.subscriber.status === 'ready') this.listener.listening();
    } catch {
      // The connection dropped again before Redis answered; its next 'ready' subscribes anew.
    }
  }
}
