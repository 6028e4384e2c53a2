import { EVENT_TYPES, eventTypesOn, isEventType, topicOf } from './event-catalogue';
import { TOPICS, deadLetterTopicOf, declaredTopics, isDeadLetterTopic } from './topics';

describe('the event catalogue', () => {
  it('holds every event type named in docs/http-api.md, each on its service topic', () => {
    expect(eventTypesOn(TOPICS.referralIntake)).toEqual([
      'ReferralReceived',
      'ChildMatched',
      'InformationRequested',
      'InformationProvided',
      'ReferralDecided',
      // issue 9: erasure by destroying the child's keys
      'ChildErased',
    ]);
    // docs/http-api.md's fourteen, ReferralAttachedToCase (an ALREADY_OPEN decision joins the open case) and
    // ChildCharacteristicsRecorded (the child's census details recorded or corrected on a case)
    expect(eventTypesOn(TOPICS.caseProgression)).toHaveLength(16);
    expect(eventTypesOn(TOPICS.earlyHelp)).toHaveLength(8);
    expect(eventTypesOn(TOPICS.schoolNotifications)).toEqual(['NotificationQueued', 'NotificationDelivered', 'NotificationFailed']);
    expect(EVENT_TYPES).toHaveLength(33);
  });

  it('routes by the type string', () => {
    expect(isEventType('CaseClosed')).toBe(true);
    expect(isEventType('caseClosed')).toBe(false);
    expect(isEventType('toString')).toBe(false);
    expect(topicOf('EarlyHelpSteppedUp')).toBe('csc.early-help.events.v1');
  });
});

describe('declared topics', () => {
  it('declares each domain topic and its dead letters, kept forever', () => {
    const declared = declaredTopics();
    expect(declared.map(({ topic }) => topic).sort()).toEqual(
      Object.values(TOPICS)
        .flatMap((topic) => [topic, deadLetterTopicOf(topic)])
        .sort(),
    );
    for (const { config } of declared) expect(config['retention.ms']).toBe('-1');
  });

  it("names a deployment's topics with its suffix, dead letters leading with their own name so no grant on a topic's name covers them", () => {
    const declared = declaredTopics({ suffix: '.test-1a2b' }).filter(({ topic }) => topic.includes('referral-intake'));
    expect(declared.map(({ topic, holds }) => [topic, holds])).toEqual([
      ['csc.referral-intake.events.v1.test-1a2b', 'events'],
      ['dead-letters.csc.referral-intake.events.v1.test-1a2b', 'dead-letters'],
    ]);
    expect(isDeadLetterTopic(declared[1].topic)).toBe(true);
    expect(isDeadLetterTopic(declared[0].topic)).toBe(false);
    expect(declared[1].topic.startsWith(TOPICS.referralIntake)).toBe(false);
  });
});
