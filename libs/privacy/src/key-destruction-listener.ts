import { WakeOnNotify } from '@csc/event-store';

/** The vault's NOTIFY channel for destroyed keys (NotifyDestroyedSubjectKeys in libs/platform); the payload is the kid. */
export const SUBJECT_KEYS_DESTROYED_CHANNEL = 'subject_keys_destroyed';

/** How long a dropped LISTEN connection may stay dropped before it is made again. */
const RECONNECT_EVERY_MS = 5_000;

/**
 * Keeps one process's key cache honest across instances: an erasure destroys keys in the vault, the
 * vault notifies every listener when that commits, and each drops the key at once (well within a
 * second), not when its cached copy would have expired. While the listening connection is down the
 * cache's own expiry still bounds it, and on listening again the whole cache is dropped, since what
 * was destroyed meanwhile was not heard.
 */
export class KeyDestructionListener {
  private readonly waker: WakeOnNotify;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    databaseUrl: string,
    applicationName: string,
    cache: { evictKey(kid: string): void; forgetCachedKeys(): void },
    logger: { warn(message: string): void },
  ) {
    this.waker = new WakeOnNotify(
      {
        databaseUrl,
        channel: SUBJECT_KEYS_DESTROYED_CHANNEL,
        applicationName,
        onNotification: (kid) => (kid ? cache.evictKey(kid) : cache.forgetCachedKeys()),
        onListening: () => cache.forgetCachedKeys(),
      },
      logger,
    );
  }

  /** Listens now, and keeps listening (a dropped connection is made again) until close(). */
  async start(): Promise<void> {
    await this.waker.listen();
    this.running ??= this.keepListening();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.waker.close();
    await this.running;
  }

  private async keepListening(): Promise<void> {
    // Notifications do not end these sleeps; each sleep begins by listening again if the connection dropped.
    while (!this.closed) await this.waker.sleep(RECONNECT_EVERY_MS, { wakeable: false });
  }
}
