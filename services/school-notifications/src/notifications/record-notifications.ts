import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { currentSchemaVersionOf, parseSealedEventData, type EventEnvelope, type NotificationQueuedV1 } from '@csc/contracts';
import { nameBasedUuid } from '@csc/domain';
import { EventStore, NO_STREAM, queryPrepared, type PreparedStatement } from '@csc/event-store';
import { KafkaEventContext, WaitingForEarlierEvent } from '@csc/messaging';
import { entitledSchools, theReferringSchool, type ReferralFacts } from './domain/school-entitlement';
import { draftNotification, type NotificationDraft } from './domain/school-notification-policy';

interface FactsRow {
  referral_id: string;
  source: string;
  referrer_organisation_id: string | null;
  school_urn: string | null;
  consent_given: boolean;
  received_at: Date;
}

/**
 * Turns the services' events into notifications, each school once per event: the notification's
 * id derives from the event's id and the school's URN, so a redelivered event adds nothing. The
 * events arrive sealed and stay sealed: this service never sees personal data.
 */
@Controller()
export class RecordNotifications {
  constructor(private readonly eventStore: EventStore) {}

  @EventPattern('ReferralReceived')
  async referralReceived(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    const data = parseSealedEventData('ReferralReceived', envelope.data);
    await context.manager.query(
      `INSERT INTO referral_facts (referral_id, child_id, source, referrer_organisation_id, school_urn, consent_given, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (referral_id) DO NOTHING`,
      [
        data.referralId,
        data.childId,
        data.source,
        data.referrerOrganisationId,
        data.child.schoolUrn ?? null,
        data.consent.given,
        data.receivedAt,
      ],
    );
    await this.notify(context, envelope);
  }

  @EventPattern('InformationRequested')
  informationRequested(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    return this.notify(context, envelope);
  }

  @EventPattern('ReferralDecided')
  referralDecided(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    return this.notify(context, envelope);
  }

  @EventPattern('AssessmentCompleted')
  assessmentCompleted(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    return this.notify(context, envelope);
  }

  @EventPattern('ChildProtectionPlanStarted')
  childProtectionPlanStarted(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    return this.notify(context, envelope);
  }

  @EventPattern('ChildInNeedPlanStarted')
  childInNeedPlanStarted(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    return this.notify(context, envelope);
  }

  @EventPattern('CaseClosed')
  caseClosed(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    return this.notify(context, envelope);
  }

  @EventPattern('EarlyHelpEpisodeClosed')
  earlyHelpClosed(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    return this.notify(context, envelope);
  }

  private async notify(context: KafkaEventContext, envelope: EventEnvelope): Promise<void> {
    const draft = draftNotification({ type: envelope.type, data: envelope.data as Record<string, unknown> });
    // An early help episode opened on a direct request has no child id until a step-up links one: no school to tell.
    if (!draft || !envelope.childId) return;
    // In URN order: every transaction takes the schools' inbox locks in the same order, so two never deadlock.
    const schools = [...new Set(await this.schoolsFor(context.manager, envelope.childId, draft))].sort();
    for (const schoolUrn of schools) await this.record(context, envelope, draft, schoolUrn);
  }

  private async schoolsFor(manager: EntityManager, childId: string, draft: NotificationDraft): Promise<string[]> {
    const rows = await queryPrepared<FactsRow>(manager, CHILD_FACTS, [childId]);
    const facts = rows.map(toFacts);
    if (draft.audience === 'THE_REFERRING_SCHOOL') {
      const referral = facts.find((fact) => fact.referralId === draft.referralId);
      if (!referral) throw new WaitingForEarlierEvent(`the referral ${draft.referralId} this event follows`);
      return theReferringSchool(referral);
    }
    // Every case and episode follows a referral: until it has arrived here, nobody can be told.
    if (facts.length === 0) throw new WaitingForEarlierEvent(`a referral for child ${childId}`);
    return entitledSchools(facts);
  }

  private async record(context: KafkaEventContext, envelope: EventEnvelope, draft: NotificationDraft, schoolUrn: string): Promise<void> {
    const notificationId = nameBasedUuid(`notification:${envelope.eventId}:${schoolUrn}`);
    const queuedEventId = randomUUID();
    const appendContext = context.causedBy({ sub: 'school-notifications', role: 'SYSTEM', org: schoolUrn });
    const data: NotificationQueuedV1 = {
      notificationId,
      schoolUrn,
      childId: envelope.childId!,
      referralId: draft.referralId,
      type: draft.type,
      sourceEventId: envelope.eventId,
    };
    // Null, nothing written, when the school was told of this event already (a redelivered event).
    await this.eventStore.appendIfGuardChanges(
      `notification-${notificationId}`,
      NO_STREAM,
      [
        {
          eventId: queuedEventId,
          type: 'NotificationQueued',
          schemaVersion: currentSchemaVersionOf('NotificationQueued'),
          occurredAt: new Date(),
          childId: envelope.childId,
          data,
        },
      ],
      appendContext,
      {
        leading: NOT_TOLD_YET,
        text: RECORD_NOTIFICATION,
        values: [
          notificationId,
          schoolUrn,
          envelope.childId,
          draft.referralId,
          draft.type,
          draft.summary,
          draft.socialWorker ? JSON.stringify(draft.socialWorker) : null,
          envelope.occurredAt,
          envelope.eventId,
        ],
      },
      context.manager,
      [{ text: QUEUE_DELIVERY, values: [queuedEventId, appendContext.correlationId, schoolUrn] }],
    );
  }
}

/**
 * One school told of one event, written with its NotificationQueued in one round trip
 * (EventStore.appendIfGuardChanges, the notification its guard): nothing if that school was already
 * told of that event; else the school's next inbox number (its row lock held to commit, so inbox
 * numbers commit in the order they were taken), the notification, and its delivery queued if the
 * school has a webhook (QUEUE_DELIVERY; the insert wakes the dispatcher at commit, AddWebhookDueTrigger).
 * The data-modifying WITH queries run once each, in one snapshot; the foreign key from delivery to
 * notification is checked at the statement's end, when both rows exist.
 */
const NOT_TOLD_YET = `
  fresh AS (
    SELECT FROM (SELECT 1) AS one
    WHERE NOT EXISTS (SELECT 1 FROM notifications WHERE source_event_id = $9::uuid AND school_urn = $2::text)
  ),
  inbox AS (
    INSERT INTO school_inboxes (school_urn, last_sequence) SELECT $2::text, 1 FROM fresh
    ON CONFLICT (school_urn) DO UPDATE SET last_sequence = school_inboxes.last_sequence + 1
    RETURNING last_sequence
  )`;
const RECORD_NOTIFICATION = `
  INSERT INTO notifications (notification_id, school_urn, child_id, referral_id, type, summary, social_worker, occurred_at, source_event_id, inbox_sequence)
  SELECT $1::uuid, $2::text, $3, $4, $5, $6, $7::jsonb, $8, $9::uuid, last_sequence FROM inbox
  RETURNING notification_id`;
/** Reads the guard's row: queued only with the notification. */
const QUEUE_DELIVERY = `
  INSERT INTO webhook_deliveries (notification_id, school_urn, queued_event_id, correlation_id)
  SELECT guard.notification_id, schools.urn, $1, $2 FROM guard JOIN schools ON schools.urn = $3::text AND schools.webhook_url IS NOT NULL`;

/** What the service knows of a child's referrals, read at every notification: prepared once per connection. */
const CHILD_FACTS: PreparedStatement = {
  name: 'school-notifications-child-facts',
  text: `SELECT referral_id, source, referrer_organisation_id, school_urn, consent_given, received_at FROM referral_facts WHERE child_id = $1`,
};

const toFacts = (row: FactsRow): ReferralFacts => ({
  referralId: row.referral_id,
  source: row.source,
  referrerOrganisationId: row.referrer_organisation_id,
  schoolUrn: row.school_urn,
  consentGiven: row.consent_given,
  receivedAt: row.received_at.toISOString(),
});
