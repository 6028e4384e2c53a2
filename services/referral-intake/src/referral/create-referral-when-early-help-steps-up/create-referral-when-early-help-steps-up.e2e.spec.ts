import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type EarlyHelpSteppedUpV1, type EventEnvelope } from '@csc/contracts';
import { eventually, testKafka } from '@csc/testing';
import { aReferralBody, expectStatus, ReferralIntakeHarness } from '../../../test/referral-intake.harness';
import { referralIdForEpisode } from './create-referral-when-early-help-steps-up';

describe('a step-up from early help becomes a referral with source 5D', () => {
  let harness: ReferralIntakeHarness;
  let producer: Producer;
  let earlyHelpTopic: string;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('step_up');
    earlyHelpTopic = harness.topic.replace(TOPICS.referralIntake, TOPICS.earlyHelp);
    producer = testKafka('step-up-test').producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await harness?.stop();
  });

  const stepUp = (data: EarlyHelpSteppedUpV1, eventId = randomUUID()): EventEnvelope => ({
    eventId,
    type: 'EarlyHelpSteppedUp',
    schemaVersion: 1,
    occurredAt: data.steppedUpAt,
    recordedAt: data.steppedUpAt,
    streamId: `episode-${data.episodeId}`,
    streamVersion: 9,
    childId: data.childId,
    correlationId: randomUUID(),
    causationId: null,
    actor: { sub: 'eh-worker', role: 'EARLY_HELP', org: 'LA888' },
    data,
  });
  const publish = async (envelope: EventEnvelope) =>
    producer.send({
      topic: earlyHelpTopic,
      messages: [{ key: envelope.childId ?? envelope.streamId, value: JSON.stringify(await harness.sealed(envelope)) }],
    });

  it('links the referral to the child early help knows and to the episode, once however often it arrives', async () => {
    const first = expectStatus(await harness.post('/v1/referrals', aReferralBody(), 'FRONT_DOOR'), 201).body;
    const episodeId = randomUUID();
    const steppedUp = stepUp({
      episodeId,
      childId: first.childId,
      steppedUpAt: new Date().toISOString(),
      sex: 'F',
      schoolUrn: '100002',
      consentGiven: true,
      subject: {
        child: { givenName: 'Amelia', familyName: 'Stepup', dateOfBirth: '2014-06-01' },
        reason: 'Concerns escalated at the review.',
      },
    });
    await publish(steppedUp);
    await publish(steppedUp); // redelivered
    await publish(stepUp(steppedUp.data as EarlyHelpSteppedUpV1)); // the same step-up published again under a new event id

    const referrals = await eventually(async () => {
      const response = expectStatus(await harness.get(`/v1/children/${first.childId}/referrals`, 'FRONT_DOOR'), 200);
      expect(response.body).toHaveLength(2);
      return response.body;
    });
    expect(referrals[1]).toMatchObject({
      referralId: referralIdForEpisode(episodeId),
      status: 'RECEIVED',
      referrer: { source: '5D', organisationId: 'LA888' },
      steppedUpFromEarlyHelpEpisodeId: episodeId,
      childMatch: { rule: 'EARLY_HELP_LINK', matchedExistingChild: true },
      concerns: { summary: 'Concerns escalated at the review.' },
    });
    // Readable over HTTP once committed; on the topic once the relay has published it.
    const received = await eventually(() => {
      const found = harness.messagesFor(referralIdForEpisode(episodeId)).map((message) => JSON.parse(message.value!));
      expect(found.map((event) => event.type)).toEqual(['ReferralReceived', 'ChildMatched']);
      return found;
    });
    expect(received[0].causationId).toBe(steppedUp.eventId);
    expect(received[0].correlationId).toBe(steppedUp.correlationId);
    // The child index remembers how early help described the child, once, written with the referral's events.
    expect(await harness.childIndexRows(referralIdForEpisode(episodeId))).toEqual([
      expect.objectContaining({
        child_id: first.childId,
        identity: expect.objectContaining({ givenName: 'Amelia', familyName: 'Stepup' }),
      }),
    ]);
  });

  it('matches a child early help met directly through the child index', async () => {
    const episodeId = randomUUID();
    const familyName = `Direct${Date.now()}`;
    const known = expectStatus(
      await harness.post(
        '/v1/referrals',
        aReferralBody({ child: { givenName: 'Oliver', familyName, dateOfBirth: '2017-01-09', sex: 'M', postcode: 'FY2 9AA' } }),
        'FRONT_DOOR',
      ),
      201,
    ).body;
    await publish(
      stepUp({
        episodeId,
        childId: null,
        steppedUpAt: new Date().toISOString(),
        sex: 'M',
        schoolUrn: null,
        consentGiven: true,
        subject: {
          child: { givenName: 'Ollie', familyName, dateOfBirth: '2017-01-09', postcode: 'FY2 1BB' },
          reason: 'Neglect indicators.',
        },
      }),
    );
    const referral = await eventually(
      async () => expectStatus(await harness.get(`/v1/referrals/${referralIdForEpisode(episodeId)}`, 'FRONT_DOOR'), 200).body,
    );
    expect(referral).toMatchObject({
      childId: known.childId,
      childMatch: { rule: 'NAME_DATE_OF_BIRTH_DISTRICT', matchedExistingChild: true },
    });
    expect(await harness.childIndexRows(referralIdForEpisode(episodeId))).toEqual([
      expect.objectContaining({ child_id: known.childId, identity: expect.objectContaining({ givenName: 'Ollie', familyName }) }),
    ]);
  });
});
