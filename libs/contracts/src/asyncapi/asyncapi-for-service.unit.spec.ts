import { eventTypesOn } from '../event-catalogue';
import { TOPICS } from '../topics';
import { idOf } from './asyncapi-document';
import { asyncApiForService } from './asyncapi-for-service';
import { buildAsyncApiDocument } from './build-asyncapi-document';

const catalogue = buildAsyncApiDocument();
const addressesOf = (service: Parameters<typeof asyncApiForService>[1]) =>
  Object.values(asyncApiForService(catalogue, service).channels)
    .map(({ address }) => address)
    .sort();

describe("a service's part of the event catalogue", () => {
  it('is, for a service that writes a topic, that topic and its dead letters with their messages and every operation on them', () => {
    const part = asyncApiForService(catalogue, 'case-progression');
    expect(addressesOf('case-progression')).toEqual([TOPICS.caseProgression, `dead-letters.${TOPICS.caseProgression}`].sort());
    expect(Object.values(part.components.messages).map((message) => message['x-event-type'])).toEqual(eventTypesOn(TOPICS.caseProgression));
    expect(Object.keys(part.operations)).toContain('case-progression.sends');
    expect(Object.keys(part.operations)).toContain('early-help.receives.caseProgression');
    expect(Object.keys(part.operations)).not.toContain('case-progression.receives.referralIntake');
    expect(part.info.title).toContain('case-progression');
  });

  it('is, for a service that writes no topic, the topics it consumes', () => {
    expect(addressesOf('analytics')).toEqual(
      [TOPICS.caseProgression, TOPICS.earlyHelp, TOPICS.referralIntake].flatMap((topic) => [`dead-letters.${topic}`, topic]).sort(),
    );
    const part = asyncApiForService(catalogue, 'analytics');
    expect(Object.keys(part.components.messages)).not.toContain('NotificationQueued.v1');
    expect(Object.keys(part.components.messages)).toContain('ReferralReceived.v1');
  });

  it('references only what it holds', () => {
    const part = asyncApiForService(catalogue, 'referral-intake');
    for (const channel of Object.values(part.channels)) {
      for (const reference of Object.values(channel.messages)) expect(part.components.messages).toHaveProperty([idOf(reference)]);
    }
    for (const operation of Object.values(part.operations)) expect(part.channels).toHaveProperty([idOf(operation.channel)]);
  });
});
