import type { z } from 'zod';
import { sealedSubjectSchema, type SealedSubject } from './sealed-subject';
import { currentSchemaVersionOf, isEventType, type EventType } from './event-catalogue';
import { tolerantSchemaOf } from './tolerant-reading';
import {
  childErasedV1,
  childMatchedV1,
  informationProvidedV1,
  informationRequestedV1,
  referralDecidedV1,
  referralReceivedV2,
} from './referral-intake';
import { earlyHelpSteppedUpV1 } from './early-help';
import { notificationDeliveredV1, notificationFailedV1, notificationQueuedV1 } from './school-notifications';
import * as earlyHelpEvents from './early-help/early-help-events.v1';
import * as caseEvents from './case-progression/case-events.v1';

/** The current data schema of each event whose shape is settled; the rest arrive with their services. */
export const EVENT_DATA_SCHEMAS = {
  ReferralReceived: referralReceivedV2,
  ChildMatched: childMatchedV1,
  InformationRequested: informationRequestedV1,
  InformationProvided: informationProvidedV1,
  ReferralDecided: referralDecidedV1,
  ChildErased: childErasedV1,
  EarlyHelpSteppedUp: earlyHelpSteppedUpV1,
  EarlyHelpEpisodeOpened: earlyHelpEvents.earlyHelpEpisodeOpenedV1,
  EarlyHelpAssessmentCompleted: earlyHelpEvents.earlyHelpAssessmentCompletedV1,
  TeamAroundTheFamilyFormed: earlyHelpEvents.teamAroundTheFamilyFormedV1,
  EarlyHelpPlanAgreed: earlyHelpEvents.earlyHelpPlanAgreedV1,
  OutcomesLadderScored: earlyHelpEvents.outcomesLadderScoredV1,
  EarlyHelpReviewed: earlyHelpEvents.earlyHelpReviewedV1,
  EarlyHelpEpisodeClosed: earlyHelpEvents.earlyHelpEpisodeClosedV1,
  CaseOpened: caseEvents.caseOpenedV1,
  ReferralAttachedToCase: caseEvents.referralAttachedToCaseV1,
  AssessmentStarted: caseEvents.assessmentStartedV1,
  AssessmentCompleted: caseEvents.assessmentCompletedV1,
  StrategyDiscussionHeld: caseEvents.strategyDiscussionHeldV1,
  Section47Concluded: caseEvents.section47ConcludedV1,
  ChildProtectionConferenceHeld: caseEvents.childProtectionConferenceHeldV1,
  ChildProtectionPlanStarted: caseEvents.childProtectionPlanStartedV1,
  ChildProtectionPlanReviewed: caseEvents.childProtectionPlanReviewedV1,
  ChildProtectionPlanEnded: caseEvents.childProtectionPlanEndedV1,
  ChildInNeedPlanStarted: caseEvents.childInNeedPlanStartedV1,
  ChildInNeedPlanEnded: caseEvents.childInNeedPlanEndedV1,
  BecameLookedAfter: caseEvents.becameLookedAfterV1,
  CeasedToBeLookedAfter: caseEvents.ceasedToBeLookedAfterV1,
  CaseClosed: caseEvents.caseClosedV1,
  ChildCharacteristicsRecorded: caseEvents.childCharacteristicsRecordedV1,
  NotificationQueued: notificationQueuedV1,
  NotificationDelivered: notificationDeliveredV1,
  NotificationFailed: notificationFailedV1,
} as const satisfies Partial<Record<EventType, z.ZodType>>;

export type EventDataOf<T extends keyof typeof EVENT_DATA_SCHEMAS> = z.infer<(typeof EVENT_DATA_SCHEMAS)[T]>;

export class InvalidEventDataError extends Error {
  constructor(
    readonly type: string,
    readonly problems: string[],
  ) {
    super(`${type} data invalid: ${problems.join('; ')}`);
    this.name = 'InvalidEventDataError';
  }
}

const problemsOf = (error: z.ZodError): string[] => error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);

/**
 * Reads an event's data as a consumer (a reaction, a projection, an aggregate load): tolerantly, so a
 * field this code does not know is dropped, while a missing or mistyped field it needs is refused
 * (naming problems by path, never echoing values). A producer checks with `assertWritableEventData`.
 */
export const parseEventData = <T extends keyof typeof EVENT_DATA_SCHEMAS>(type: T, data: unknown): EventDataOf<T> => {
  const result = tolerantSchemaOf(EVENT_DATA_SCHEMAS[type] as z.ZodType).safeParse(data);
  if (!result.success) throw new InvalidEventDataError(type, problemsOf(result.error));
  return result.data as EventDataOf<T>;
};

export const hasDataSchema = (type: string): type is keyof typeof EVENT_DATA_SCHEMAS => Object.hasOwn(EVENT_DATA_SCHEMAS, type);

/**
 * A producer's check before it appends: the catalogue's current version, and data exactly as its
 * strict schema says (subject open, as the command made it; the store seals it). A field the
 * contract does not have is refused here, where it is a bug to fix, not in every consumer.
 */
export const assertWritableEventData = (type: string, schemaVersion: number, data: unknown): void => {
  if (!isEventType(type)) return;
  if (schemaVersion !== currentSchemaVersionOf(type)) {
    throw new InvalidEventDataError(type, [`schemaVersion: ${schemaVersion} is not the current v${currentSchemaVersionOf(type)}`]);
  }
  if (!hasDataSchema(type)) return;
  const result = (EVENT_DATA_SCHEMAS[type] as z.ZodType).safeParse(data);
  if (!result.success) throw new InvalidEventDataError(type, problemsOf(result.error));
};

/** An event's data as it is stored and published: `subject`, where the event has one, sealed (or null). */
export type SealedEventDataOf<T extends keyof typeof EVENT_DATA_SCHEMAS> =
  EventDataOf<T> extends { subject: unknown } ? Omit<EventDataOf<T>, 'subject'> & { subject: SealedSubject | null } : EventDataOf<T>;

/** An event's data schema as the data is stored and published: its `subject`, where it has one, sealed (or null). */
export const asPublishedDataSchema = (plain: z.ZodObject): z.ZodObject =>
  'subject' in plain.shape ? plain.extend({ subject: sealedSubjectSchema.nullable() }) : plain;

const sealedSchemas = new Map<string, z.ZodType>();
const sealedSchemaOf = (type: keyof typeof EVENT_DATA_SCHEMAS): z.ZodType => {
  let schema = sealedSchemas.get(type);
  if (!schema) {
    schema = tolerantSchemaOf(asPublishedDataSchema(EVENT_DATA_SCHEMAS[type] as z.ZodObject));
    sealedSchemas.set(type, schema);
  }
  return schema;
};

/**
 * Reads (tolerantly, as parseEventData) the data of an event as it arrives, without opening its subject: for a reaction that needs
 * only the coarse facts (most of them). A reaction that needs the child's details opens the subject
 * first (@csc/privacy) and calls parseEventData.
 */
export const parseSealedEventData = <T extends keyof typeof EVENT_DATA_SCHEMAS>(type: T, data: unknown): SealedEventDataOf<T> => {
  const result = sealedSchemaOf(type).safeParse(data);
  if (!result.success) throw new InvalidEventDataError(type, problemsOf(result.error));
  return result.data as SealedEventDataOf<T>;
};
