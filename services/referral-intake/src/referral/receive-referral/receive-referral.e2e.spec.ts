import { randomUUID } from 'node:crypto';
import { parseEnvelope, parseEventData } from '@csc/contracts';
import { eventually } from '@csc/testing';
import { aReferralBody, expectStatus, ReferralIntakeHarness, SCHOOL_A } from '../../../test/referral-intake.harness';
import { ChildIndex } from '../../child-index/child-index';

describe('POST /v1/referrals', () => {
  let harness: ReferralIntakeHarness;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('receive_referral');
  });
  afterAll(() => harness?.stop());

  it('takes a school referral: 201 with the ids, ETag and Location, and the events on the topic keyed by the child', async () => {
    const body = aReferralBody({ child: { nhsNumber: '943 476 5919' } });
    const response = expectStatus(await harness.post('/v1/referrals', body, 'SCHOOL', SCHOOL_A), 201);

    expect(response.body).toEqual({
      referralId: expect.any(String),
      childId: expect.any(String),
      status: 'RECEIVED',
      version: 2,
      matchedExistingChild: false,
    });
    expect(response.headers.etag).toBe('"2"');
    expect(response.headers.location).toBe(`/v1/referrals/${response.body.referralId}`);

    const messages = await eventually(() => {
      const found = harness.messagesFor(response.body.referralId);
      expect(found).toHaveLength(2);
      return found;
    });
    const [received, matched] = messages.map((message) => parseEnvelope(message.value));
    for (const message of messages) {
      expect(message.key).toBe(response.body.childId);
    }
    expect(received).toMatchObject({
      type: 'ReferralReceived',
      schemaVersion: 1,
      streamVersion: 1,
      childId: response.body.childId,
      actor: { role: 'SCHOOL', org: SCHOOL_A },
    });
    const data = parseEventData('ReferralReceived', (await harness.opened(received)).data);
    expect(data).toMatchObject({
      source: '2A',
      referrerOrganisationId: SCHOOL_A,
      child: { ageAtReferral: expect.any(Number), unborn: false, sex: 'F', schoolUrn: body.child.schoolUrn },
      factors: ['16A', '3A'],
      consent: { given: true },
      subject: { child: { givenName: 'Amelia', familyName: body.child.familyName, nhsNumber: '9434765919', postcode: 'FY1 4QS' } },
    });
    expect(parseEventData('ChildMatched', matched.data)).toMatchObject({ rule: 'NEW_CHILD', matchedExistingChild: false });
    expect(matched.correlationId).toBe(received.correlationId);
  });

  it("puts personal data only inside data.subject, sealed: the raw topic shows none of it, the child's key opens it", async () => {
    const body = aReferralBody({ child: { nhsNumber: '4010232137', givenName: 'Persephone', upn: 'N201300012004' } });
    const { body: created } = expectStatus(await harness.post('/v1/referrals', body, 'FRONT_DOOR'), 201);
    const [message] = await eventually(() => {
      const found = harness.messagesFor(created.referralId);
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    const raw = message.value!.toString();
    const envelope = parseEnvelope(message.value);
    expect(envelope.data).toMatchObject({ subject: { alg: 'A256GCM', kid: expect.any(String), ct: expect.any(String) } });
    const opened = JSON.stringify((await harness.opened(envelope)).data);
    for (const personal of [
      'Persephone',
      body.child.familyName,
      '4010232137',
      'N201300012004',
      '2014-06-01',
      'FY1 4QS',
      'Sam Example',
      'dsl@school.example',
      'frightened',
    ]) {
      expect(raw).not.toContain(personal);
      expect(opened).toContain(personal);
    }
    expect(raw).not.toMatch(/FY14QS|4010 ?232 ?137/i);
  });

  it('returns the first response again for a retried Idempotency-Key, and refuses the key with a different body', async () => {
    const key = randomUUID();
    const body = aReferralBody();
    const first = expectStatus(await harness.post('/v1/referrals', body, 'SCHOOL', SCHOOL_A, { 'Idempotency-Key': key }), 201);
    const eventsAfterFirst = await harness.eventCount();

    // The same body with its keys in another order is the same request.
    const reordered = { consent: body.consent, concerns: body.concerns, child: body.child, referrer: body.referrer };
    const retry = expectStatus(await harness.post('/v1/referrals', reordered, 'SCHOOL', SCHOOL_A, { 'Idempotency-Key': key }), 201);
    expect(retry.body).toEqual(first.body);

    const changed = expectStatus(
      await harness.post('/v1/referrals', { ...body, concerns: { summary: 'Something else entirely.' } }, 'SCHOOL', SCHOOL_A, {
        'Idempotency-Key': key,
      }),
      422,
    );
    expect(changed.body.message).toEqual(['Idempotency-Key: already used with a different body']);
    expect(await harness.eventCount()).toBe(eventsAfterFirst);
  });

  it('recognises the same child referred again under a nickname, and links both referrals to it', async () => {
    const familyName = `Thompson${randomUUID().slice(0, 6)}`;
    const first = expectStatus(
      await harness.post(
        '/v1/referrals',
        aReferralBody({ child: { givenName: 'William', familyName, dateOfBirth: '2014-03-12', sex: 'M', postcode: 'FY1 1AA' } }),
        'FRONT_DOOR',
      ),
      201,
    );
    const second = expectStatus(
      await harness.post(
        '/v1/referrals',
        aReferralBody({ child: { givenName: 'Billy', familyName, dateOfBirth: '2014-03-12', sex: 'M', postcode: 'FY1 6ZZ' } }),
        'FRONT_DOOR',
      ),
      201,
    );

    expect(second.body).toMatchObject({ childId: first.body.childId, matchedExistingChild: true });
    const match = await eventually(() => {
      const found = harness
        .messagesFor(second.body.referralId)
        .map((message) => parseEnvelope(message.value))
        .find((event) => event.type === 'ChildMatched');
      expect(found).toBeDefined();
      return found!;
    });
    expect(match.data).toMatchObject({
      rule: 'NAME_DATE_OF_BIRTH_DISTRICT',
      givenNameComparison: 'NICKNAME',
      matchedReferralId: first.body.referralId,
    });
  });

  it('creates one child, not several, when referrals for the same new child arrive at once', async () => {
    const child = {
      givenName: 'Concurrent',
      familyName: `Child${randomUUID().slice(0, 6)}`,
      dateOfBirth: '2016-02-02',
      sex: 'M',
      postcode: 'ST4 1AA',
    };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => harness.post('/v1/referrals', aReferralBody({ child }), 'FRONT_DOOR')),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(201));
    expect(new Set(responses.map((response) => response.body.childId)).size).toBe(1);
    expect(responses.filter((response) => !response.body.matchedExistingChild)).toHaveLength(1);
  });

  it('rebuilds the child index from the events with the same rows, every column', async () => {
    // A postcode given without a space must rebuild to the same district.
    expectStatus(await harness.post('/v1/referrals', aReferralBody({ child: { postcode: 'fy14qs', upn: undefined } }), 'FRONT_DOOR'), 201);
    const everything = `SELECT referral_id, child_id, given_name, family_name, date_of_birth, unborn, sex, nhs_number, upn, postcode_district FROM child_identities ORDER BY referral_id`;
    const before = await harness.database.dataSource.query(everything);
    const rebuilt = await harness.service.app.get(ChildIndex).rebuildFromEvents();
    expect(rebuilt).toBe(before.length);
    expect(await harness.database.dataSource.query(everything)).toEqual(before);
  });
});
