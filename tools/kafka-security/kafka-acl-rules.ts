import {
  deadLetterTopicOf,
  DOMAIN_TOPICS,
  owningServiceOf,
  ownTopicOf,
  SERVICE_CONSUMPTION,
  SERVICE_NAMES,
  topicsConsumedBy,
  type DomainTopic,
  type ServiceName,
} from '@csc/contracts';
import { ADMIN_PRINCIPAL, READER_PRINCIPAL } from '@csc/messaging';

/**
 * Who may do what on the secured broker: the one place the ACLs are written down. kafka.sh applies
 * them (through apply-kafka-acls.ts) on every start of the secured broker, the broker tests check
 * them against the real broker, and kafka-acl-rules.unit.spec.ts checks them against the code
 * (every `@EventPattern` reaction and projection a service runs).
 *
 * Names are matched by PREFIX so that a deployment's KAFKA_TOPIC_SUFFIX (tests: `<topic>.test-1a2b`)
 * is covered. That is safe because no topic's name starts with another's: dead letters are named
 * `dead-letters.<topic>` (libs/contracts topics.ts), so a grant on `<topic>` never covers them and a
 * grant on `dead-letters.<topic>` never covers the topic. Every rule is an ALLOW; the broker denies
 * whatever no rule allows (allow.everyone.if.no.acl.found=false).
 */

// Who consumes what is the contracts' (the AsyncAPI document lists it too); the ACLs are granted from it.
export { DOMAIN_TOPICS, SERVICE_CONSUMPTION, SERVICE_NAMES, ownTopicOf, topicsConsumedBy, type ServiceName };
export const ownerOf = owningServiceOf;

export { ADMIN_PRINCIPAL, READER_PRINCIPAL };
/** The broker node's own identity on the controller listener (its certificate's CN), a super user like admin. */
export const NODE_PRINCIPAL = 'kafka-node';
/** The principals kafka.sh gives a SCRAM credential when it formats the secured broker's storage. */
export const FIXED_PRINCIPALS = [ADMIN_PRINCIPAL, ...SERVICE_NAMES, READER_PRINCIPAL];

export type Operation = 'READ' | 'WRITE' | 'DESCRIBE';
export type Permission = 'ALLOW' | 'DENY';
export type PatternType = 'LITERAL' | 'PREFIXED';

export interface AclRule {
  principal: string;
  resourceType: 'TOPIC' | 'GROUP';
  patternType: PatternType;
  name: string;
  operation: Operation;
  permission: Permission;
}

const rule = (
  principal: string,
  resourceType: AclRule['resourceType'],
  patternType: PatternType,
  name: string,
  operation: Operation,
  permission: Permission = 'ALLOW',
): AclRule => ({
  principal,
  resourceType,
  patternType,
  name,
  operation,
  permission,
});

/** Consumer groups named after the principal: `<name>` and `<name>.<anything>` (projections: `<service>.<projection>.v<n>`). */
const ownGroups = (principal: string): AclRule[] => [
  rule(principal, 'GROUP', 'LITERAL', principal, 'READ'),
  rule(principal, 'GROUP', 'PREFIXED', `${principal}.`, 'READ'),
];

const reads = (principal: string, topics: DomainTopic[]): AclRule[] =>
  topics.map((topic) => rule(principal, 'TOPIC', 'PREFIXED', topic, 'READ'));

/**
 * A reaction that keeps failing parks its event on the dead letters of the topic it came from
 * (libs/messaging dead-letter.ts), and so does a projection for an event it cannot apply (libs/projections
 * projection-runner.ts): every topic a service consumes, and no other. Writing only: a service need not
 * read dead letters (a replay re-delivers from the service's own `dead_letters` record); admin reads them.
 */
export const deadLetterTopicsWrittenBy = (service: ServiceName): string[] => topicsConsumedBy(service).map(deadLetterTopicOf);

const writes = (principal: string, topic: string): AclRule[] => [
  rule(principal, 'TOPIC', 'PREFIXED', topic, 'WRITE'),
  rule(principal, 'TOPIC', 'PREFIXED', topic, 'DESCRIBE'),
];

const serviceRules = (service: ServiceName): AclRule[] => {
  const own = ownTopicOf(service);
  return [
    ...(own ? writes(service, own) : []),
    ...deadLetterTopicsWrittenBy(service).flatMap((deadLetters) => writes(service, deadLetters)),
    ...reads(service, topicsConsumedBy(service)),
    ...ownGroups(service),
  ];
};

/**
 * A read-only principal for outside consumers: every domain topic, its own groups, nothing else. Not
 * the dead letters, which hold what the services could not take (malformed or misplaced envelopes as
 * they arrived) and are for the operators.
 */
export const readerRules = (principal: string): AclRule[] => [...reads(principal, DOMAIN_TOPICS), ...ownGroups(principal)];

/** Every ACL the broker should hold, given the analysts' principals made with `npm run kafka:principal`. */
export const desiredAcls = (analystReaders: string[] = []): AclRule[] => [
  ...SERVICE_NAMES.flatMap(serviceRules),
  ...readerRules(READER_PRINCIPAL),
  ...analystReaders.flatMap(readerRules),
];

/** A principal name an analyst may choose: not one of ours, and safe in a SCRAM credential and a file name. */
export const isAnalystPrincipalName = (name: string): boolean =>
  /^[a-z][a-z0-9-]{1,62}$/.test(name) && !FIXED_PRINCIPALS.includes(name) && name !== NODE_PRINCIPAL;
