import { EVENT_TYPES } from './event-catalogue';
import { InvalidEnvelopeError } from './envelope.validation';
import { assertFromOwningTopic, EventOnWrongTopicError, isFromOwningTopic, withoutTopicSuffix } from './owning-topic';
import { TOPICS } from './topics';

const SUFFIX = '.test-1a2b3c4d';

describe('the topic that owns an event type', () => {
  it('is exactly one domain topic for every event type', () => {
    for (const type of EVENT_TYPES) {
      const owners = Object.values(TOPICS).filter((topic) => isFromOwningTopic(type, topic));
      expect({ type, owners: owners.length }).toEqual({ type, owners: 1 });
    }
  });

  it('is judged on the name without the deployment suffix', () => {
    expect(withoutTopicSuffix(`${TOPICS.earlyHelp}${SUFFIX}`, SUFFIX)).toBe(TOPICS.earlyHelp);
    expect(withoutTopicSuffix(TOPICS.earlyHelp, '')).toBe(TOPICS.earlyHelp);
    expect(isFromOwningTopic('ReferralDecided', `${TOPICS.referralIntake}${SUFFIX}`, SUFFIX)).toBe(true);
    expect(isFromOwningTopic('ReferralDecided', `${TOPICS.earlyHelp}${SUFFIX}`, SUFFIX)).toBe(false);
    // Another deployment's (or test file's) topic is not this one's, even if the catalogue name matches.
    expect(isFromOwningTopic('ReferralDecided', `${TOPICS.referralIntake}.test-ffffffff`, SUFFIX)).toBe(false);
    expect(isFromOwningTopic('ReferralDecided', `${TOPICS.referralIntake}${SUFFIX}`)).toBe(false);
  });
});

describe('assertFromOwningTopic', () => {
  it('lets an event through on its own topic', () => {
    expect(() => assertFromOwningTopic('ReferralDecided', `${TOPICS.referralIntake}${SUFFIX}`, SUFFIX)).not.toThrow();
    expect(() => assertFromOwningTopic('EarlyHelpSteppedUp', TOPICS.earlyHelp)).not.toThrow();
  });

  it('refuses it on another service topic, naming the type, where it was and where it belongs', () => {
    const refuse = () => assertFromOwningTopic('ReferralDecided', `${TOPICS.earlyHelp}${SUFFIX}`, SUFFIX);
    expect(refuse).toThrow(EventOnWrongTopicError);
    // An envelope fault: the consumer's dead-letter path for malformed envelopes takes it as it is.
    expect(refuse).toThrow(InvalidEnvelopeError);
    expect(refuse).toThrow(
      `invalid event envelope: ReferralDecided found on ${TOPICS.earlyHelp}${SUFFIX}, which does not own it; ` +
        `its owning topic is ${TOPICS.referralIntake}${SUFFIX}`,
    );
  });

  it('leaves types outside the catalogue to whoever declared their topic', () => {
    expect(() => assertFromOwningTopic('WidgetCounted', `widgets${SUFFIX}`, SUFFIX)).not.toThrow();
  });
});
