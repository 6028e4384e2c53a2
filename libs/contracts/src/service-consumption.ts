import { topicOf, type EventType } from './event-catalogue';
import { TOPICS, type DomainTopic } from './topics';

export type ServiceName =
  'referral-intake' | 'case-progression' | 'early-help' | 'school-notifications' | 'analytics' | 'statutory-returns';

/** What a service consumes, as its code declares it: the event types of its reactions, the topics of its projections. */
export interface Consumption {
  reactsTo: EventType[];
  projectsFrom: DomainTopic[];
}

/** Every service that opens sealed subjects reacts to ChildErased (libs/platform's ForgetKeysWhenChildErased). */
const PERSONAL_DATA: EventType[] = ['ChildErased'];

/**
 * Who consumes what: the broker's ACLs are granted from it (tools/kafka-security, whose unit test fails
 * when it and a service's `@EventPattern` reactions and projections disagree) and the event catalogue's
 * AsyncAPI document lists it as each service's receive operations. Plain data, so both can read it.
 */
export const SERVICE_CONSUMPTION: Record<ServiceName, Consumption> = {
  'referral-intake': {
    reactsTo: [
      ...PERSONAL_DATA,
      'CaseOpened',
      'ReferralAttachedToCase',
      'CaseClosed',
      'BecameLookedAfter',
      'CeasedToBeLookedAfter',
      'EarlyHelpEpisodeOpened',
      'EarlyHelpEpisodeClosed',
      'EarlyHelpSteppedUp',
    ],
    projectsFrom: [],
  },
  'case-progression': { reactsTo: [...PERSONAL_DATA, 'ReferralDecided'], projectsFrom: [] },
  'early-help': { reactsTo: [...PERSONAL_DATA, 'ReferralDecided', 'AssessmentCompleted', 'CaseClosed'], projectsFrom: [] },
  'school-notifications': {
    reactsTo: [
      'ReferralReceived',
      'InformationRequested',
      'ReferralDecided',
      'AssessmentCompleted',
      'ChildProtectionPlanStarted',
      'ChildInNeedPlanStarted',
      'CaseClosed',
      'EarlyHelpEpisodeClosed',
    ],
    projectsFrom: [],
  },
  analytics: { reactsTo: [], projectsFrom: [TOPICS.referralIntake, TOPICS.caseProgression, TOPICS.earlyHelp] },
  'statutory-returns': { reactsTo: [...PERSONAL_DATA], projectsFrom: [TOPICS.referralIntake, TOPICS.caseProgression, TOPICS.earlyHelp] },
};

export const SERVICE_NAMES = Object.keys(SERVICE_CONSUMPTION) as ServiceName[];
export const DOMAIN_TOPICS: DomainTopic[] = Object.values(TOPICS);

export const isServiceName = (name: string): name is ServiceName => Object.hasOwn(SERVICE_CONSUMPTION, name);

/** The service a domain topic belongs to: `csc.<service>.events.v<n>` (topics.ts). */
export const owningServiceOf = (topic: DomainTopic): ServiceName => topic.split('.')[1] as ServiceName;

/** The topic a service produces to, if it has one (analytics and statutory-returns have none). */
export const ownTopicOf = (service: ServiceName): DomainTopic | undefined =>
  DOMAIN_TOPICS.find((topic) => owningServiceOf(topic) === service);

/** The domain topics a service consumes, from its reactions' event types and its projections' topics. */
export const topicsConsumedBy = (service: ServiceName): DomainTopic[] => {
  const { reactsTo, projectsFrom } = SERVICE_CONSUMPTION[service];
  return DOMAIN_TOPICS.filter((topic) => projectsFrom.includes(topic) || reactsTo.some((type) => topicOf(type) === topic));
};
