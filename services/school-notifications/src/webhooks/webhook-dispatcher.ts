import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentSchemaVersionOf, type NotificationDeliveredV1, type NotificationFailedV1 } from '@csc/contracts';
import { EventStore, WakeOnNotify, type WriteAlongside } from '@csc/event-store';
import { databaseUrlOf } from '@csc/platform';
import { toSchoolNotification } from '../notifications/school-notification';
import { WebhookSecrets } from '../schools/webhook-secrets';
import { afterFailedAttempt, type DeliverySchedule } from './domain/delivery-schedule';
import { postWebhook } from './post-webhook';
import {
  claimDueLanes,
  deliveredGuard,
  failedGuard,
  recordRetry,
  releaseLeases,
  renewLeases,
  type ClaimedDelivery,
} from './webhook-deliveries';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';
import { inSpanOf, SpanKind } from '@csc/tracing';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookTargets } from './webhook-targets';

/** Sent (at commit) by the transaction that queues a delivery. */
export const WEBHOOKS_DUE_CHANNEL = 'webhooks_due';
/** Retries fall due without a NOTIFY: this is how late the dispatcher may notice one. */
const POLL_MS = 1_000;
/** A school's deliveries posted one after another by one worker, in inbox order, per claim. */
const PER_LANE = 25;
/**
 * Woken (a delivery queued, a lane finished), the dispatcher claims no sooner than this after its
 * last claim began: under a steady stream one claim takes the deliveries of several wakes.
 */
const MIN_CLAIM_INTERVAL_MS = 20;

/**
 * Posts queued notifications to schools' webhooks, signed, and records each attempt's end in the
 * database with its event (NotificationDelivered, NotificationFailed) in the same transaction.
 *
 * Each school has one lane: at most one attempt in flight, in inbox order, so an endpoint that is
 * down or hangs costs only that school its own time; the others go on. A lane stops at its first
 * failure and hands the rest back, so each notification keeps its own backoff. Attempts are at least once: a crash after the
 * school's 2xx but before it is recorded means one more attempt, with the same notification id
 * (the receiver's key for ignoring a repeat). A clean shutdown waits for the attempts in flight.
 *
 * A lane is leased to this dispatcher for a short time (WEBHOOK_LEASE_SECONDS) and the lease is
 * renewed every third of it while the lane runs, however long a post hangs: a dispatcher that dies
 * stops renewing, and another takes the lane over within the lease, not after the lane's worst case.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly schedule: DeliverySchedule;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly wakeup: WakeOnNotify;
  private readonly inFlight = new Map<string, Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  /** Whose leases are whose: a dispatcher renews only its own, and sees when one was taken over. */
  private readonly holder = randomUUID();
  private readonly leaseMs: number;
  /** The lanes in flight, by school: what is left of each (still leased here) and whether its lease was lost. */
  private readonly lanes = new Map<string, HeldLane>();
  private renewal: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly secrets: WebhookSecrets,
    private readonly targets: WebhookTargets,
    private readonly metrics: WebhookMetrics,
    config: ConfigService,
  ) {
    this.schedule = {
      firstDelayMs: config.getOrThrow<number>('WEBHOOK_RETRY_FIRST_DELAY_MS'),
      maxDelayMs: config.getOrThrow<number>('WEBHOOK_RETRY_MAX_DELAY_MS'),
      retryForMs: config.getOrThrow<number>('WEBHOOK_RETRY_FOR_SECONDS') * 1000,
    };
    this.timeoutMs = config.getOrThrow<number>('WEBHOOK_TIMEOUT_MS');
    this.concurrency = config.getOrThrow<number>('WEBHOOK_CONCURRENCY');
    this.leaseMs = config.getOrThrow<number>('WEBHOOK_LEASE_SECONDS') * 1000;
    this.wakeup = new WakeOnNotify(
      { databaseUrl: databaseUrlOf(config, 'school-notifications'), channel: WEBHOOKS_DUE_CHANNEL, applicationName: 'webhook-dispatcher' },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
    this.renewal = setInterval(() => void this.renewLeases(), Math.max(500, Math.floor(this.leaseMs / 3)));
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    await this.wakeup.close();
    await this.loop;
    await Promise.allSettled(this.inFlight.values());
    if (this.renewal) clearInterval(this.renewal);
  }

  private async renewLeases(): Promise<void> {
    const lanes = [...this.lanes.values()];
    if (lanes.length === 0) return;
    try {
      const renewed = await renewLeases(
        this.dataSource.manager,
        this.holder,
        lanes.flatMap((lane) => lane.remaining),
        this.leaseMs,
      );
      // None of a lane's left: another dispatcher took it after the lease lapsed (or the lane has just ended).
      for (const lane of lanes) if (!lane.remaining.some((id) => renewed.has(id))) lane.lost = true;
    } catch (error) {
      this.logger.warn(`webhook dispatcher: cannot renew its leases (${(error as Error).message}); trying again`);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const claimStartedAt = Date.now();
      try {
        const free = this.concurrency - this.inFlight.size;
        const claimed =
          free > 0
            ? await claimDueLanes(this.dataSource.manager, {
                lanes: free,
                perLane: PER_LANE,
                leaseMs: this.leaseMs,
                holder: this.holder,
                busySchools: [...this.inFlight.keys()],
              })
            : [];
        for (const lane of claimed) this.start(lane);
        // Nothing more is due (or every slot is taken): wait for a new one, a finished attempt or the next poll.
        if (claimed.length < free || free === 0) {
          await this.wakeup.sleep(POLL_MS);
          await this.wakeup.pace(claimStartedAt, MIN_CLAIM_INTERVAL_MS);
        }
      } catch (error) {
        this.logger.error(`webhook dispatcher: cannot claim deliveries (${(error as Error).message}); trying again`);
        await this.wakeup.sleep(POLL_MS, { wakeable: false });
      }
    }
  }

  private start(lane: ClaimedDelivery[]): void {
    const school = lane[0].school_urn;
    const work = this.post(lane)
      .catch((error: Error) =>
        // The leases run out and the deliveries are attempted again: nothing is lost.
        this.logger.error(`webhooks to school ${school}: attempt not recorded (${error.message}); they will be attempted again`),
      )
      .finally(() => {
        this.inFlight.delete(school);
        this.wakeup.wake();
      });
    this.inFlight.set(school, work);
  }

  /** One after another; at the first failure (or on shutdown) the rest go back to be claimed again. */
  private async post(lane: ClaimedDelivery[]): Promise<void> {
    const school = lane[0].school_urn;
    const held: HeldLane = { remaining: lane.map((delivery) => delivery.notification_id), lost: false };
    this.lanes.set(school, held);
    try {
      for (const [place, delivery] of lane.entries()) {
        held.remaining = lane.slice(place).map((next) => next.notification_id);
        if (held.lost) {
          // One writer per lane: the dispatcher that took it over posts the rest.
          this.logger.warn(`webhooks to school ${school}: this lane's lease lapsed and was taken over; leaving the rest to its new holder`);
          return;
        }
        const delivered = await this.attempt(delivery);
        if (!delivered || !this.running) {
          const rest = lane.slice(place + 1).map((next) => next.notification_id);
          if (rest.length > 0) await releaseLeases(this.dataSource.manager, this.holder, rest);
          return;
        }
      }
    } finally {
      this.lanes.delete(school);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<boolean> {
    // A span in the trace of the referral or case event the school is being told of.
    const failure = await inSpanOf(
      delivery.traceparent,
      'deliver webhook',
      SpanKind.CLIENT,
      { 'csc.school_urn': delivery.school_urn, 'csc.notification_type': delivery.type, 'csc.attempt': delivery.attempts + 1 },
      async (span) => {
        const outcome = await this.send(delivery);
        span.setAttribute('csc.delivered', outcome === null);
        return outcome;
      },
    );
    const attempts = delivery.attempts + 1;
    const where = `webhook ${delivery.notification_id} to school ${delivery.school_urn}`;
    if (failure === null) {
      const data: NotificationDeliveredV1 = {
        notificationId: delivery.notification_id,
        schoolUrn: delivery.school_urn,
        attempts,
        deliveredAt: new Date().toISOString(),
      };
      await this.recordOutcome(delivery, 'NotificationDelivered', data, deliveredGuard(delivery.notification_id));
      this.metrics.attempted(delivery.school_urn, 'delivered');
      if (attempts > 1) this.logger.log(`${where}: delivered on attempt ${attempts}`);
      return true;
    }
    const next = afterFailedAttempt(this.schedule, { attempts, queuedAt: delivery.queued_at, failedAt: new Date() }, Math.random());
    if ('retryAt' in next) {
      await recordRetry(this.dataSource.manager, this.holder, delivery.notification_id, next.retryAt, failure);
      this.metrics.attempted(delivery.school_urn, 'retrying');
      this.logger.warn(`${where}: attempt ${attempts} failed (${failure}); retrying at ${next.retryAt.toISOString()}`);
      return false;
    }
    const data: NotificationFailedV1 = {
      notificationId: delivery.notification_id,
      schoolUrn: delivery.school_urn,
      attempts,
      lastOutcome: failure,
      failedAt: new Date().toISOString(),
    };
    await this.recordOutcome(delivery, 'NotificationFailed', data, failedGuard(delivery.notification_id, failure));
    this.metrics.attempted(delivery.school_urn, 'failed');
    this.logger.error(`${where}: failed after ${attempts} attempts (last: ${failure}); parked as failed, still in the school's inbox`);
    return false;
  }

  /** Null when the school acknowledged it (a 2xx); otherwise what went wrong, without any response body. */
  private async send(delivery: ClaimedDelivery): Promise<string | null> {
    if (!delivery.webhook_url) return 'no webhook URL';
    const body = JSON.stringify(toSchoolNotification(delivery));
    const timestamp = Math.floor(Date.now() / 1000);
    const secret = this.secrets.reveal(delivery.school_urn, { keyId: delivery.secret_key_id, sealed: delivery.secret_sealed });
    return postWebhook(
      delivery.webhook_url,
      {
        'content-type': 'application/json',
        'user-agent': 'csc-school-notifications/1',
        [WEBHOOK_HEADERS.notificationId]: delivery.notification_id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
      },
      body,
      { timeoutMs: this.timeoutMs, dispatcher: this.targets.dispatcher },
    );
  }

  /** The delivery's end and its event, in one statement: neither if another attempt already ended it. */
  private async recordOutcome(
    delivery: ClaimedDelivery,
    type: 'NotificationDelivered' | 'NotificationFailed',
    data: NotificationDeliveredV1 | NotificationFailedV1,
    guard: WriteAlongside,
  ): Promise<void> {
    await this.eventStore.appendIfGuardChanges(
      `notification-${delivery.notification_id}`,
      'any',
      [
        {
          eventId: randomUUID(),
          type,
          schemaVersion: currentSchemaVersionOf(type),
          occurredAt: new Date(),
          childId: delivery.child_id,
          data,
        },
      ],
      {
        actor: { sub: 'school-notifications', role: 'SYSTEM', org: delivery.school_urn },
        correlationId: delivery.correlation_id ?? delivery.notification_id,
        causationId: delivery.queued_event_id,
      },
      guard,
    );
  }
}

interface HeldLane {
  /** The lane's deliveries not yet finished, in order: the ones its lease must cover. */
  remaining: string[];
  lost: boolean;
}
