import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { deadLetterTopicOf, isEventType, topicOf, TOPICS } from '@csc/contracts';
import { ALL_SERVICES } from '../../services/registry';
import { ANALYTICS_PROJECTIONS } from '../../services/analytics/src/projections/analytics-projections';
import { childRecordsProjection } from '../../services/statutory-returns/src/child-records/child-records.projection';
import {
  deadLetterTopicsWrittenBy,
  desiredAcls,
  DOMAIN_TOPICS,
  ownerOf,
  READER_PRINCIPAL,
  SERVICE_CONSUMPTION,
  SERVICE_NAMES,
  topicsConsumedBy,
  type AclRule,
  type ServiceName,
} from './kafka-acl-rules';

type ModuleRef = { module?: unknown; imports?: unknown[]; controllers?: unknown[] } | (abstract new (...args: never[]) => unknown);

/** The event types of every `@EventPattern` reaction a service's module tree registers (Nest's own metadata). */
const reactionsOf = (root: unknown): string[] => {
  const seen = new Set<unknown>();
  const types = new Set<string>();
  const visit = (ref: unknown): void => {
    // Promises are third-party modules made asynchronously (configuration, TypeORM): they hold no reactions.
    if (!ref || seen.has(ref) || ref instanceof Promise) return;
    seen.add(ref);
    const dynamic = typeof ref === 'object' ? (ref as Exclude<ModuleRef, Function>) : undefined;
    const moduleClass = dynamic ? dynamic.module : ref;
    if (typeof moduleClass !== 'function') return;
    const controllers = [
      ...((Reflect.getMetadata('controllers', moduleClass as object) as unknown[]) ?? []),
      ...(dynamic?.controllers ?? []),
    ];
    for (const controller of controllers as Array<{ prototype: Record<string, unknown> }>) {
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const patterns = Reflect.getMetadata(PATTERN_METADATA, controller.prototype[key] as object) as unknown[] | undefined;
        for (const pattern of patterns ?? []) if (typeof pattern === 'string') types.add(pattern);
      }
    }
    for (const imported of [...((Reflect.getMetadata('imports', moduleClass as object) as unknown[]) ?? []), ...(dynamic?.imports ?? [])])
      visit(imported);
  };
  visit(root);
  return [...types].sort();
};

const projectedTopics: Partial<Record<ServiceName, string[]>> = {
  analytics: ANALYTICS_PROJECTIONS.flatMap(({ topics }) => topics),
  'statutory-returns': childRecordsProjection.topics,
};

const topicRulesOf = (rules: AclRule[], principal: string, operation: AclRule['operation']) =>
  rules.filter((rule) => rule.principal === principal && rule.resourceType === 'TOPIC' && rule.operation === operation);
const writesOf = (rules: AclRule[], principal: string) => topicRulesOf(rules, principal, 'WRITE');

/** Whether `principal` may do `operation` on `topic` under `rules`, as Kafka decides: a matching DENY wins, else a matching ALLOW. */
const may = (rules: AclRule[], principal: string, operation: AclRule['operation'], topic: string): boolean => {
  const matching = topicRulesOf(rules, principal, operation).filter((rule) =>
    rule.patternType === 'LITERAL' ? topic === rule.name : topic.startsWith(rule.name),
  );
  return matching.some((rule) => rule.permission === 'ALLOW') && !matching.some((rule) => rule.permission === 'DENY');
};
const mayWrite = (rules: AclRule[], principal: string, topic: string): boolean => may(rules, principal, 'WRITE', topic);

describe('the Kafka ACL rules', () => {
  it.each(ALL_SERVICES.map((service) => [service.name, service] as const))('list what %s consumes in its code', (name, service) => {
    expect(SERVICE_NAMES).toContain(name);
    const consumption = SERVICE_CONSUMPTION[name as ServiceName];
    expect([...consumption.reactsTo].sort()).toEqual(reactionsOf(service.module).filter(isEventType));
    expect(new Set(consumption.projectsFrom)).toEqual(new Set(projectedTopics[name as ServiceName] ?? []));
  });

  it("let only the owning service write a domain topic, also under a deployment's suffix, and the reader write nothing", () => {
    const rules = desiredAcls(['my-analysis']);
    for (const topic of DOMAIN_TOPICS.flatMap((domainTopic) => [domainTopic, `${domainTopic}.test-1a2b`])) {
      const writers = [...SERVICE_NAMES, READER_PRINCIPAL, 'my-analysis'].filter((principal) => mayWrite(rules, principal, topic));
      const domainTopic = DOMAIN_TOPICS.find((declared) => topic.startsWith(declared))!;
      expect([topic, writers]).toEqual([topic, [ownerOf(domainTopic)]]);
    }
    expect(writesOf(rules, READER_PRINCIPAL)).toEqual([]);
    expect(writesOf(rules, 'my-analysis')).toEqual([]);
    expect(SERVICE_NAMES.filter((service) => DOMAIN_TOPICS.some((topic) => mayWrite(rules, service, topic)))).not.toContain('analytics');
  });

  it('let the readers read every domain topic and not its dead letters', () => {
    const rules = desiredAcls(['my-analysis']);
    for (const reader of [READER_PRINCIPAL, 'my-analysis']) {
      for (const topic of DOMAIN_TOPICS) {
        expect([reader, topic, may(rules, reader, 'READ', topic)]).toEqual([reader, topic, true]);
        expect([reader, topic, may(rules, reader, 'READ', deadLetterTopicOf(topic))]).toEqual([reader, topic, false]);
        expect([reader, topic, may(rules, reader, 'READ', deadLetterTopicOf(`${topic}.test-1a2b`))]).toEqual([reader, topic, false]);
      }
    }
  });

  it("let each service write the dead letters of the topics it reacts to or projects from, also under a test's suffix", () => {
    const rules = desiredAcls();
    expect(deadLetterTopicsWrittenBy('early-help')).toEqual([TOPICS.referralIntake, TOPICS.caseProgression].map(deadLetterTopicOf));
    // Projections dead-letter what they cannot apply; analytics reacts to nothing.
    expect(deadLetterTopicsWrittenBy('analytics')).toEqual(
      [TOPICS.referralIntake, TOPICS.caseProgression, TOPICS.earlyHelp].map(deadLetterTopicOf),
    );
    expect(mayWrite(rules, 'analytics', deadLetterTopicOf(TOPICS.schoolNotifications))).toBe(false);
    // Never a domain topic itself, suffixed or not, nor reading dead letters.
    expect(mayWrite(rules, 'analytics', TOPICS.referralIntake)).toBe(false);
    expect(mayWrite(rules, 'case-progression', `${TOPICS.referralIntake}.test-1a2b`)).toBe(false);
    for (const service of SERVICE_NAMES) {
      for (const topic of topicsConsumedBy(service)) {
        expect(mayWrite(rules, service, deadLetterTopicOf(topic))).toBe(true);
        expect(mayWrite(rules, service, deadLetterTopicOf(`${topic}.test-1a2b`))).toBe(true);
        expect(may(rules, service, 'READ', deadLetterTopicOf(topic))).toBe(false);
      }
    }
  });

  it('grant by allowing only: no topic name starts with another, so no deny is needed to narrow a grant', () => {
    expect(desiredAcls(['my-analysis']).filter((rule) => rule.permission !== 'ALLOW')).toEqual([]);
  });

  it('derive the topics a service reads from the catalogue', () => {
    expect(topicsConsumedBy('case-progression')).toEqual([topicOf('ReferralDecided')]);
    expect(topicsConsumedBy('school-notifications')).not.toContain(TOPICS.schoolNotifications);
  });
});
