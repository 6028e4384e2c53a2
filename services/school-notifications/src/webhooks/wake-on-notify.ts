import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Sleeps until a Postgres NOTIFY on `channel` (sent in a transaction, so heard only once it has
 * committed) or until the timeout, whichever is first. The timeout is the fallback: if the
 * listening connection drops, work is still found by polling, and the next sleep reconnects.
 */
export class WakeOnNotify {
  private client: Client | null = null;
  private woken = false;
  private wakeSleeper: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /** Wakes a sleeper now (used when an attempt finishes and frees a school for its next one). */
  wake(): void {
    this.woken = true;
    this.wakeSleeper?.();
  }

  async sleep(ms: number): Promise<void> {
    if (!this.client && !this.closed) await this.listen();
    if (this.woken || this.closed) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wakeSleeper?.(), ms);
      this.wakeSleeper = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
    });
    this.woken = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeSleeper?.();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: `listen:${this.channel}`, keepAlive: true });
    client.on('notification', () => this.wake());
    client.on('error', () => {
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.logger.warn(`cannot LISTEN on ${this.channel} (${(error as Error).message}); polling only`);
    }
  }
}
