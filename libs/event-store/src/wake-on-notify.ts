import { Client } from 'pg';

/**
 * Sleeps until a PostgreSQL NOTIFY on `channel` (sent in a transaction, so heard only once it has
 * committed), a `wake()`, or the timeout, whichever is first. The timeout is the fallback: if the
 * listening connection drops, work is still found by polling, and the next sleep reconnects.
 * Used by the outbox relay (events appended), by school-notifications (webhooks due) and by every
 * key vault client (keys destroyed: libs/privacy KeyDestructionListener).
 */
export class WakeOnNotify {
  private client: Client | null = null;
  private pendingWake = false;
  private endSleep: ((force: boolean) => void) | null = null;
  private closed = false;

  constructor(
    private readonly options: {
      databaseUrl: string;
      channel: string;
      applicationName: string;
      /** Each notification's payload, as it arrives (besides waking a sleep). */
      onNotification?: (payload: string | undefined) => void;
      /** Each time the LISTEN starts, the first and after a dropped connection: what was sent meanwhile was not heard. */
      onListening?: () => void;
    },
    private readonly logger: { warn(message: string): void },
  ) {}

  /** Starts listening (sleeps also reconnect a dropped listener); a closed waker listens again. */
  async listen(): Promise<void> {
    this.closed = false;
    if (this.client) return;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: this.options.applicationName,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      this.options.onNotification?.(message.payload);
      this.wake();
    });
    client.on('error', () => {
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      this.client = client;
      this.options.onListening?.();
    } catch (error) {
      await client.end().catch(() => undefined);
      this.logger.warn(`cannot LISTEN on ${this.options.channel} (${(error as Error).message}); polling only`);
    }
  }

  /** Ends a wakeable sleep now, or the next one at once. */
  wake(): void {
    this.pendingWake = true;
    this.endSleep?.(false);
  }

  /**
   * A wakeable sleep ends at a notification or `wake()`; one that is not (a backoff after a failure,
   * which notifications must not cut short) ends only at its timeout. `close()` ends either.
   */
  async sleep(ms: number, { wakeable = true }: { wakeable?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    if (!this.client) await this.listen();
    if (wakeable && this.pendingWake) {
      this.pendingWake = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.endSleep?.(true), ms);
      this.endSleep = (force: boolean) => {
        if (!force && !wakeable) return;
        clearTimeout(timer);
        this.endSleep = null;
        resolve();
      };
    });
    this.pendingWake = false;
  }

  /**
   * Waits out what is left of `minIntervalMs` after `since` (when the last pass began): work woken
   * more often than that is taken a few at a time, in one pass, instead of one pass each. Not cut
   * short by notifications (what they announce is committed, so the pass after it reads it); `close()` ends it.
   */
  async pace(since: number, minIntervalMs: number): Promise<void> {
    const left = since + minIntervalMs - Date.now();
    if (left > 0) await this.sleep(left, { wakeable: false });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.endSleep?.(true);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
