import { TOPICS, type DomainTopic } from './topics';

/**
 * Every integration event by its type string (the wire contract: never a class name), the topic
 * it travels on and its current schema version. Data shapes live beside each service's events.
 */
const catalogue = {
  // referral-intake
  ReferralReceived: { topic: TOPICS.referralIntake, schemaVersion: 2 },
  ChildMatched: { topic: TOPICS.referralIntake, schemaVersion: 1 },
  InformationRequested: { topic: TOPICS.referralIntake, schemaVersion: 1 },
  InformationProvided: { topic: TOPICS.referralIntake, schemaVersion: 1 },
  ReferralDecided: { topic: TOPICS.referralIntake, schemaVersion: 1 },
  ChildErased: { topic: TOPICS.referralIntake, schemaVersion: 1 },
  // case-progression
  CaseOpened: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ReferralAttachedToCase: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  AssessmentStarted: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  AssessmentCompleted: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  StrategyDiscussionHeld: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  Section47Concluded: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ChildProtectionConferenceHeld: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ChildProtectionPlanStarted: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ChildProtectionPlanReviewed: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ChildProtectionPlanEnded: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ChildInNeedPlanStarted: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ChildInNeedPlanEnded: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  BecameLookedAfter: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  CeasedToBeLookedAfter: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  CaseClosed: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  ChildCharacteristicsRecorded: { topic: TOPICS.caseProgression, schemaVersion: 1 },
  // early-help
  EarlyHelpEpisodeOpened: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  EarlyHelpAssessmentCompleted: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  TeamAroundTheFamilyFormed: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  EarlyHelpPlanAgreed: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  OutcomesLadderScored: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  EarlyHelpReviewed: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  EarlyHelpSteppedUp: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  EarlyHelpEpisodeClosed: { topic: TOPICS.earlyHelp, schemaVersion: 1 },
  // school-notifications
  NotificationQueued: { topic: TOPICS.schoolNotifications, schemaVersion: 1 },
  NotificationDelivered: { topic: TOPICS.schoolNotifications, schemaVersion: 1 },
  NotificationFailed: { topic: TOPICS.schoolNotifications, schemaVersion: 1 },
} as const satisfies Record<string, { topic: DomainTopic; schemaVersion: number }>;

export type EventType = keyof typeof catalogue;
export const EVENT_TYPES = Object.keys(catalogue) as EventType[];

export const isEventType = (value: string): value is EventType => Object.hasOwn(catalogue, value);

export const topicOf = (type: EventType): DomainTopic => catalogue[type].topic;

export const currentSchemaVersionOf = (type: EventType): number => catalogue[type].schemaVersion;

export const eventTypesOn = (topic: DomainTopic): EventType[] => EVENT_TYPES.filter((type) => topicOf(type) === topic);
