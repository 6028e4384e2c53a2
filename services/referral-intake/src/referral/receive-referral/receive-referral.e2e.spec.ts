import { randomUUID } from 'node:crypto';
import { parseEnvelope, parseEventData } from '@csc/contracts';
import { upnCheckLetter } from '@csc/domain';
import { EventStore, NO_STREAM } from '@csc/event-store';
import { eventually } from '@csc/testing';
import { aReceivedReferral } from '../../../test/referral-builders';
import { aReferralBody, expectStatus, ReferralIntakeHarness, SCHOOL_A } from '../../../test/referral-intake.harness';
import { DataSource } from 'typeorm';
import { BlindIndexKey, SubjectProtection } from '@csc/privacy';
import { ChildIndex } from '../../child-index/child-index';
import { childAtReferral, type ReferredChild } from './child-at-referral';
import { referralStreamId } from '../referral.repository';

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
      schemaVersion: 2,
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

  it("records what the referrer knows of the child's census characteristics, only inside the sealed subject", async () => {
    const formerUpn = `${upnCheckLetter('201300012002')}201300012002`;
    const body = aReferralBody({
      child: { ethnicity: 'BAFR', disabilities: ['COMM', 'AUT'], upnUnknownReason: 'UN3', formerUpn: formerUpn.toLowerCase() },
    });
    const { body: created } = expectStatus(await harness.post('/v1/referrals', body, 'FRONT_DOOR'), 201);
    const { body: onlyEthnicity } = expectStatus(
      await harness.post('/v1/referrals', aReferralBody({ child: { ethnicity: 'NOBT' } }), 'FRONT_DOOR'),
      201,
    );
    const { body: none } = expectStatus(await harness.post('/v1/referrals', aReferralBody(), 'FRONT_DOOR'), 201);

    const receivedOf = async (referralId: string) => {
      const [message] = await eventually(() => {
        const found = harness.messagesFor(referralId);
        expect(found.length).toBeGreaterThan(0);
        return found;
      });
      return message;
    };
    const message = await receivedOf(created.referralId);
    const envelope = parseEnvelope(message.value);
    expect(envelope).toMatchObject({ type: 'ReferralReceived', schemaVersion: 2 });
    expect(envelope.data).toMatchObject({ subject: { alg: 'A256GCM', ct: expect.any(String) } });
    const opened = parseEventData('ReferralReceived', (await harness.opened(envelope)).data);
    expect(opened.subject.characteristics).toEqual({
      ethnicity: 'BAFR',
      disabilities: ['COMM', 'AUT'],
      upnUnknownReason: 'UN3',
      formerUpn: formerUpn.toUpperCase(),
    });
    // Neither the topic nor the stored row shows any of it (quoted, as JSON would: base64 has no quotes).
    const [{ data: stored }] = await harness.database.dataSource.query(
      `SELECT data::text AS data FROM events WHERE stream_id = $1 AND stream_version = 1`,
      [`referral-${created.referralId}`],
    );
    for (const raw of [message.value!.toString(), stored]) {
      for (const personal of [
        '"characteristics"',
        '"BAFR"',
        '"AUT"',
        '"COMM"',
        '"UN3"',
        formerUpn.toUpperCase(),
        formerUpn.toLowerCase(),
      ]) {
        expect(raw).not.toContain(personal);
      }
    }

    // Only the fields given: nothing invented for what the referrer did not say.
    const only = parseEventData(
      'ReferralReceived',
      (await harness.opened(parseEnvelope((await receivedOf(onlyEthnicity.referralId)).value))).data,
    );
    expect(only.subject.characteristics).toEqual({ ethnicity: 'NOBT' });
    const nothing = parseEventData(
      'ReferralReceived',
      (await harness.opened(parseEnvelope((await receivedOf(none.referralId)).value))).data,
    );
    expect(nothing.subject.characteristics).toEqual({});

    // The front door reads them back; the school, told only what it needs, does not.
    const forStaff = expectStatus(await harness.get(`/v1/referrals/${created.referralId}`, 'FRONT_DOOR'), 200).body;
    expect(forStaff.child).toMatchObject({ ethnicity: 'BAFR', disabilities: ['COMM', 'AUT'], upnUnknownReason: 'UN3' });
    const { body: fromSchool } = expectStatus(
      await harness.post('/v1/referrals', aReferralBody({ child: { ethnicity: 'WBRI', disabilities: ['NONE'] } }), 'SCHOOL', SCHOOL_A),
      201,
    );
    const forSchool = expectStatus(await harness.get(`/v1/referrals/${fromSchool.referralId}`, 'SCHOOL', SCHOOL_A), 200).body;
    expect(forSchool.child).not.toHaveProperty('ethnicity');
    expect(forSchool.child).not.toHaveProperty('disabilities');
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

  it('reads a referral stored as v1, before characteristics: its read and the child index rebuilt from it', async () => {
    const referralId = randomUUID();
    const childId = randomUUID();
    const familyName = `Before${randomUUID().slice(0, 6)}`;
    await harness.service.app.get(EventStore).append(
      referralStreamId(referralId),
      NO_STREAM,
      [
        {
          eventId: randomUUID(),
          type: 'ReferralReceived',
          schemaVersion: 1,
          occurredAt: new Date('2024-11-04T10:00:00Z'),
          childId,
          data: {
            ...aReceivedReferral({ referralId, childId, receivedAt: '2024-11-04T10:00:00.000Z' }),
            subject: {
              child: { givenName: 'Evelyn', familyName, dateOfBirth: '2013-02-02', postcode: 'FY1 4QS' },
              referrer: { name: 'Sam Example' },
              concernsSummary: 'Stored before characteristics were asked for.',
            },
          },
        },
      ],
      { actor: { sub: 'dsl', role: 'SCHOOL', org: SCHOOL_A }, correlationId: randomUUID(), causationId: null },
    );

    const read = expectStatus(await harness.get(`/v1/referrals/${referralId}`, 'FRONT_DOOR'), 200).body;
    expect(read.child).toMatchObject({ givenName: 'Evelyn', familyName, dateOfBirth: '2013-02-02' });
    expect(read.child).not.toHaveProperty('ethnicity');

    await harness.service.app.get(ChildIndex).rebuildFromEvents();
    expect(await harness.childIndexRows(referralId)).toEqual([
      expect.objectContaining({ child_id: childId, identity: expect.objectContaining({ familyName, dateOfBirth: '2013-02-02' }) }),
    ]);
  });

  it('decides a referral stored as v1 by a newer build (a field this code does not know) through the shared command path', async () => {
    const referralId = randomUUID();
    const childId = randomUUID();
    await harness.service.app.get(EventStore).append(
      referralStreamId(referralId),
      NO_STREAM,
      [
        {
          eventId: randomUUID(),
          type: 'ReferralReceived',
          schemaVersion: 1,
          occurredAt: new Date('2024-11-04T10:00:00Z'),
          childId,
          data: {
            ...aReceivedReferral({ referralId, childId, receivedAt: '2024-11-04T10:00:00.000Z' }),
            channel: 'PORTAL',
            subject: {
              child: { givenName: 'Evelyn', familyName: 'Before', dateOfBirth: '2013-02-02', pronouns: 'she/her' },
              referrer: { name: 'Sam Example' },
              concernsSummary: 'Stored before characteristics were asked for.',
            },
          },
        },
      ],
      { actor: { sub: 'dsl', role: 'SCHOOL', org: SCHOOL_A }, correlationId: randomUUID(), causationId: null },
    );
    // Put into the log directly, as a migration would: the child index is rebuilt from it, so it knows the child too.
    await harness.service.app.get(ChildIndex).rebuildFromEvents();

    const decided = expectStatus(
      await harness.post(
        `/v1/referrals/${referralId}/decision`,
        { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Escalating concerns.' },
        'FRONT_DOOR',
        undefined,
        { 'If-Match': '"1"' },
      ),
      200,
    );
    expect(decided.headers.etag).toBe('"2"');
    expect(decided.body).toMatchObject({ referralId, status: 'DECIDED', version: 2 });
    // Written strictly in the current shape: the decision carries the child as v2 knows it, nothing the newer build added.
    const [written] = await harness.service.app
      .get(EventStore)
      .readStream(referralStreamId(referralId))
      .then((events) => events.slice(1));
    expect(written).toMatchObject({ type: 'ReferralDecided', schemaVersion: 1 });
    expect((written.data as { subject: { child: object } }).subject.child).toEqual({
      givenName: 'Evelyn',
      familyName: 'Before',
      dateOfBirth: '2013-02-02',
    });
  });

  it('rebuilds the child index from the events with the same rows, every blind index and every opened description', async () => {
    // A postcode given without a space must rebuild to the same district.
    const body = aReferralBody({ child: { postcode: 'fy14qs', upn: undefined } });
    expectStatus(await harness.post('/v1/referrals', body, 'FRONT_DOOR'), 201);
    const before = await harness.childIndexRows();
    expect(before.find((row) => (row.identity as { familyName: string }).familyName === body.child.familyName)).toMatchObject({
      upn_index: null,
      nhs_number_index: null,
      birth_index: expect.stringMatching(/^[0-9a-f]{64}$/),
      identity: { postcodeDistrict: 'FY1', upn: null, nhsNumber: null, dateOfBirth: body.child.dateOfBirth },
    });
    const rebuilt = await harness.service.app.get(ChildIndex).rebuildFromEvents();
    expect(rebuilt).toBe(before.length);
    expect(await harness.childIndexRows()).toEqual(before);
  });

  it('rebuilds the index before its first use in a process whose index was built with another key (or never), whatever uses it first', async () => {
    const body = aReferralBody({ child: { upn: `${upnCheckLetter('201300012888')}201300012888` } });
    const { childId } = expectStatus(await harness.post('/v1/referrals', body, 'FRONT_DOOR'), 201).body;
    const before = await harness.childIndexRows();
    const { identity } = childAtReferral(body.child as ReferredChild, '2025-01-06');
    // Another process (another instance, or this service restarted) whose first use is a match, as a
    // reaction consumed before the HTTP port opens would be: its key differs from the one the index was
    // built with, so it rebuilds under its own key first and still finds the child.
    const dataSource = harness.service.app.get(DataSource);
    const anotherKey = BlindIndexKey.fromConfiguration(Buffer.alloc(32, 5).toString('base64'));
    const restarted = new ChildIndex(dataSource, harness.service.app.get(SubjectProtection), anotherKey);
    const found = await dataSource.transaction(async (manager) => {
      const resolved = await restarted.resolve(manager, identity, randomUUID());
      // The description's row is the caller's to write (a referral writes it in its append).
      await manager.query(resolved.description.text, resolved.description.values);
      return resolved;
    });
    expect([found.match.matchedExistingChild, found.childId]).toEqual([true, childId]);
    expect((await harness.childIndexRows()).length).toBe(before.length + 1);
    // The migration leaves no state and no rows: the service's own index, with its own key, rebuilds to what it was.
    await dataSource.query(`DELETE FROM child_index_state`);
    await dataSource.query(`DELETE FROM child_identities`);
    await harness.service.app.get(ChildIndex).rebuildFromEvents();
    expect(await harness.childIndexRows()).toEqual(before);
  });

  it('keeps nothing identifying in clear in the child index: names, numbers, dates and postcodes are sealed or hashed', async () => {
    const upn = `${upnCheckLetter('201300012777')}201300012777`;
    const body = aReferralBody({ child: { upn, postcode: 'FY1 4QS' } });
    const { referralId, matchedExistingChild } = expectStatus(await harness.post('/v1/referrals', body, 'FRONT_DOOR'), 201).body;
    expect(matchedExistingChild).toBe(false);
    const [row]: { row: string }[] = await harness.database.dataSource.query(
      `SELECT t::text AS row FROM child_identities t WHERE referral_id = $1`,
      [referralId],
    );
    for (const identifier of [body.child.givenName, body.child.familyName, upn, body.child.dateOfBirth, 'FY1 4QS']) {
      expect(row.row).not.toContain(identifier);
    }
    // The same child again (by UPN, with another spelling of the family name) is found through the hashes alone.
    const again = expectStatus(
      await harness.post(
        '/v1/referrals',
        { ...body, child: { ...body.child, familyName: `${body.child.familyName}-Smith` } },
        'FRONT_DOOR',
      ),
      201,
    ).body;
    expect([again.matchedExistingChild, again.childId]).toEqual([true, (await harness.childIndexRows(referralId))[0].child_id]);
  });
});
