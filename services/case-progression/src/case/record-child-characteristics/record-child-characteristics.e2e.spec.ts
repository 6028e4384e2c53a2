import request from 'supertest';
import { TOPICS, parseEnvelope, parseEventData, type Role } from '@csc/contracts';
import { londonDateOf, upnCheckLetter } from '@csc/domain';
import { SubjectProtection } from '@csc/privacy';
import {
  createServiceTopics,
  createTestDatabase,
  eventually,
  startServiceUnderTest,
  testKafka,
  testToken,
  TopicProbe,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { referralIntakeService } from '../../../../referral-intake/src/referral-intake.service-definition';
import { caseProgressionService } from '../../case-progression.service-definition';

const upnOf = (lastTwelve: string) => `${upnCheckLetter(lastTwelve)}${lastTwelve}`;
const UPN = upnOf('201300012001');
const FORMER_UPN = upnOf('201300012002');
const BAD_UPN = `${UPN[0] === 'A' ? 'B' : 'A'}201300012001`;
// Two days ahead, so that it is in the future in England whatever the hour.
const FUTURE = londonDateOf(new Date(Date.now() + 2 * 86_400_000));

// Census rules on the details as the correction would leave them; the case's child was referred born
// 2014-06-01 with a UPN. Each message names the field and the rule (and its census code), never a value.
const AGAINST_A_RULE: [string, object, string][] = [
  [
    'a death before the birth',
    { dateOfDeath: '2014-05-31' },
    "dateOfDeath: the child's date of death would be before their date of birth [death-not-before-birth] (CIN census rule 8535Q)",
  ],
  ['a death in the future', { dateOfDeath: FUTURE }, 'dateOfDeath: cannot be in the future [death-not-in-future]'],
  ['a birth in the future', { dateOfBirth: FUTURE }, 'dateOfBirth: cannot be in the future [born-not-in-future] (CIN census rule 8520)'],
  [
    'a reason the UPN is unknown while the child has one',
    { upnUnknownReason: 'UN2' },
    'upnUnknownReason: the child would have both a UPN and a reason it is unknown: give one, and clear the other with null [upn-or-unknown-reason]',
  ],
  [
    'a UPN and a reason it is unknown together',
    { upn: UPN, upnUnknownReason: 'UN2' },
    'upnUnknownReason: the child would have both a UPN and a reason it is unknown: give one, and clear the other with null [upn-or-unknown-reason]',
  ],
  [
    'NONE beside a disability',
    { disabilities: ['NONE', 'AUT'] },
    'disabilities: NONE (no disability) must be given alone [no-disability-alone] (CIN census rule 8790)',
  ],
  [
    'a disability twice',
    { disabilities: ['AUT', 'LD', 'AUT'] },
    'disabilities: lists a disability code more than once [each-disability-once] (CIN census rule 8794)',
  ],
  [
    'a date of birth and an expected date of birth',
    { dateOfBirth: '2014-06-01', expectedDateOfBirth: '2015-01-01' },
    'expectedDateOfBirth: the child would have both a date of birth and an expected date of birth: give one, and clear the other with null [birth-or-expected-birth] (CIN census rule 8525Q)',
  ],
];

const MALFORMED: [string, unknown, string][] = [
  [
    'nothing to record',
    {},
    'body: give at least one of sex, dateOfBirth, expectedDateOfBirth, upn, formerUpn, upnUnknownReason, ethnicity, disabilities, dateOfDeath',
  ],
  ['an unknown field', { ethnicity: 'WBRI', religion: 'x' }, 'religion: is not a known field'],
  ['an ethnicity outside the census codes', { ethnicity: 'WHITE' }, 'ethnicity: must be one of the following values: WBRI'],
  ['an empty list of disabilities', { disabilities: [] }, 'disabilities: must list NONE or the disabilities that apply (null clears)'],
  ['a disability outside the census codes', { disabilities: ['SIGHT'] }, 'disabilities: each must be a CIN census disability code'],
  ['disabilities that are not a list', { disabilities: 'AUT' }, 'disabilities: must be an array'],
  ['a UPN with the wrong check letter', { upn: BAD_UPN }, 'upn: must be a 13-character UPN with a correct check letter (CIN rule 1510)'],
  [
    'a former UPN with the wrong check letter',
    { formerUpn: BAD_UPN },
    'formerUpn: must be a 13-character UPN with a correct check letter (CIN rule 1560Q)',
  ],
  ['a UPN-unknown reason outside UN1-UN7', { upnUnknownReason: 'UN8' }, 'upnUnknownReason: must be one of the following values: UN1'],
  ['a date of death that is not a day', { dateOfDeath: '2025-02-30' }, 'dateOfDeath: must be a real date as YYYY-MM-DD'],
  ['a date of birth that is not a date', { dateOfBirth: '01/06/2014' }, 'dateOfBirth: must be a real date as YYYY-MM-DD'],
  ['sex cleared', { sex: null }, 'sex: must be one of the following values: M, F, U'],
];

describe("POST /v1/cases/{id}/child-characteristics: the child's census details, over HTTP and Kafka", () => {
  let intakeDatabase: TestDatabase;
  let casesDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let cases: ServiceUnderTest;
  let probe: TopicProbe;
  let caseTopic: string;
  const token = (role: Role) => testToken({ sub: `${role.toLowerCase()}-1`, role, org: role === 'SCHOOL' ? '100001' : 'LA888' });

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    const kafka = testKafka('child-characteristics');
    await createServiceTopics(kafka, suffix);
    intakeDatabase = await createTestDatabase('characteristics_intake', referralIntakeService.migrations);
    casesDatabase = await createTestDatabase('characteristics_cases', caseProgressionService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    cases = await startServiceUnderTest(caseProgressionService, { databaseUrl: casesDatabase.url, topicSuffix: suffix });
    caseTopic = `${TOPICS.caseProgression}${suffix}`;
    probe = await TopicProbe.start(kafka, [caseTopic]);
  });
  afterAll(async () => {
    await probe?.stop();
    await cases?.stop();
    await intake?.stop();
    await intakeDatabase?.drop();
    await casesDatabase?.drop();
  });

  const post = async (service: ServiceUnderTest, path: string, body: unknown, role: Role, ifMatch?: number) => {
    let call = request(service.url)
      .post(path)
      .set('Authorization', `Bearer ${await token(role)}`);
    if (ifMatch !== undefined) call = call.set('If-Match', `"${ifMatch}"`);
    return call.send(body as object);
  };
  const get = async (service: ServiceUnderTest, path: string) =>
    request(service.url)
      .get(path)
      .set('Authorization', `Bearer ${await token('SOCIAL_WORKER')}`);
  const ok = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  /** A school refers a child (born 2014-06-01, with a UPN of its own), the front door accepts, the case opens. */
  const openCase = async (familyName: string, upn: string): Promise<{ caseId: string; childId: string; version: number }> => {
    const referral = ok(
      await post(
        intake,
        '/v1/referrals',
        {
          receivedAt: '2025-01-03T09:00:00Z',
          referrer: { source: '2A', organisationId: '100001', name: 'Sam Example' },
          child: { givenName: 'Amelia', familyName, dateOfBirth: '2014-06-01', sex: 'F', upn, schoolUrn: '100002' },
          concerns: { summary: 'Disclosure of harm at home.', factors: ['19C'] },
          consent: { given: true },
        },
        'SCHOOL',
      ),
      201,
    ).body;
    ok(
      await post(
        intake,
        `/v1/referrals/${referral.referralId}/decision`,
        { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Significant harm.', decidedAt: '2025-01-03T15:00:00Z' },
        'FRONT_DOOR',
      ),
      200,
    );
    return eventually(async () => {
      const found = ok(await get(cases, `/v1/children/${referral.childId}/cases`), 200).body;
      expect(found).toHaveLength(1);
      return { caseId: found[0].caseId, childId: referral.childId, version: found[0].version };
    });
  };
  const eventsOnStream = async (caseId: string): Promise<string[]> =>
    (await casesDatabase.dataSource.query(`SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`case-${caseId}`])).map(
      (row: { type: string }) => row.type,
    );

  it('records them: 201 with the new version and ETag, the case read shows them, the event on the topic sealed', async () => {
    const { caseId, childId, version } = await openCase('Recorded', UPN);
    const body = {
      ethnicity: 'MWBA',
      disabilities: ['HEAR', 'VIS'],
      upn: null,
      upnUnknownReason: 'UN5',
      formerUpn: FORMER_UPN.toLowerCase(),
    };
    const response = ok(await post(cases, `/v1/cases/${caseId}/child-characteristics`, body, 'SOCIAL_WORKER', version), 201);
    expect(response.body).toEqual({ caseId, childId, version: version + 1, recorded: ['ChildCharacteristicsRecorded'] });
    expect(response.headers.etag).toBe(`"${version + 1}"`);

    const read = ok(await get(cases, `/v1/cases/${caseId}`), 200);
    expect(read.headers.etag).toBe(`"${version + 1}"`);
    expect(read.body.child).toEqual({
      givenName: 'Amelia',
      familyName: 'Recorded',
      sex: 'F',
      dateOfBirth: '2014-06-01',
      formerUpn: FORMER_UPN,
      upnUnknownReason: 'UN5',
      ethnicity: 'MWBA',
      disabilities: ['HEAR', 'VIS'],
      schoolUrn: '100002',
    });

    const message = await eventually(() => {
      const found = probe
        .on(caseTopic)
        .find((each) => each.key === childId && each.headers['event-type'] === 'ChildCharacteristicsRecorded');
      expect(found).toBeDefined();
      return found!;
    });
    const envelope = parseEnvelope(message.value);
    expect(envelope).toMatchObject({ schemaVersion: 1, streamVersion: version + 1, actor: { role: 'SOCIAL_WORKER' } });
    expect(envelope.data).toEqual({
      caseId,
      childId,
      recordedOn: londonDateOf(new Date()),
      subject: { alg: 'A256GCM', kid: expect.any(String), iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) },
    });
    // None of it outside the sealed subject (quoted as JSON has it: base64 has no quotes).
    for (const personal of ['"MWBA"', '"HEAR"', '"VIS"', '"UN5"', '"disabilities"', '"ethnicity"', FORMER_UPN, UPN]) {
      expect(message.value!.toString()).not.toContain(personal);
    }
    const opened = (await cases.app.get(SubjectProtection).reveal(envelope)).envelope;
    expect(parseEventData('ChildCharacteristicsRecorded', opened.data).subject).toEqual({ ...body, formerUpn: FORMER_UPN });

    // Audited as every case write is: who changed which child's record, by which route.
    expect(
      await casesDatabase.dataSource.query(
        `SELECT user_role, child_id, resource_id, outcome FROM audit_log WHERE route = '/v1/cases/{id}/child-characteristics'`,
      ),
    ).toEqual([{ user_role: 'SOCIAL_WORKER', child_id: childId, resource_id: caseId, outcome: 201 }]);
  });

  describe('refusals, with nothing appended', () => {
    let refused: { caseId: string; childId: string; version: number };
    beforeAll(async () => {
      refused = await openCase('Refused', upnOf('201300012003'));
    });
    it('409 on a stale If-Match, naming the current version (body and ETag); 400 on a malformed one', async () => {
      const path = `/v1/cases/${refused.caseId}/child-characteristics`;
      const stale = await post(cases, path, { ethnicity: 'WBRI' }, 'FRONT_DOOR', refused.version + 1);
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(refused.version);
      expect(stale.headers.etag).toBe(`"${refused.version}"`);
      const malformed = await request(cases.url)
        .post(path)
        .set('Authorization', `Bearer ${await token('FRONT_DOOR')}`)
        .set('If-Match', 'W/"latest"')
        .send({ ethnicity: 'WBRI' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toEqual(['If-Match: must be the version number from the last read or write']);
    });

    it.each(AGAINST_A_RULE)('422 for %s, naming the rule', async (_case, body, message) => {
      const response = await post(cases, `/v1/cases/${refused.caseId}/child-characteristics`, body, 'SOCIAL_WORKER', refused.version);
      expect(response.status).toBe(422);
      expect(response.body.message).toEqual([message]);
    });

    it.each(MALFORMED)('400 for %s, naming the field', async (_case, body, message) => {
      const response = await post(cases, `/v1/cases/${refused.caseId}/child-characteristics`, body, 'SOCIAL_WORKER', refused.version);
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
      expect(JSON.stringify(response.body)).not.toContain(BAD_UPN);
    });

    it('404 for a case that does not exist', async () => {
      const response = await post(
        cases,
        '/v1/cases/0c0c0c0c-0000-4000-8000-00000000dead/child-characteristics',
        { ethnicity: 'WBRI' },
        'SOCIAL_WORKER',
        1,
      );
      expect(response.status).toBe(404);
    });

    it('appended nothing for any of them: the case has only its opening, in the store and on the topic', async () => {
      expect(await eventsOnStream(refused.caseId)).toEqual(['CaseOpened']);
      const onTopic = () => probe.on(caseTopic).filter((message) => message.key === refused.childId);
      await eventually(() => expect(onTopic().length).toBeGreaterThan(0));
      expect(onTopic().map((message) => message.headers['event-type'])).toEqual(['CaseOpened']);
    });
  });

  it('records on a closed case (census corrections come at year end), and a later correction replaces the earlier one', async () => {
    const { caseId, version } = await openCase('Closed', upnOf('201300012004'));
    const closed = ok(
      await post(cases, `/v1/cases/${caseId}/closure`, { closedOn: '2025-03-31', reason: 'RC2' }, 'SOCIAL_WORKER', version),
      201,
    );
    const first = ok(
      await post(
        cases,
        `/v1/cases/${caseId}/child-characteristics`,
        { dateOfDeath: '2025-03-20', disabilities: ['NONE'] },
        'FRONT_DOOR',
        closed.body.version,
      ),
      201,
    );
    const second = ok(
      await post(
        cases,
        `/v1/cases/${caseId}/child-characteristics`,
        { disabilities: null, ethnicity: 'REFU' },
        'SOCIAL_WORKER',
        first.body.version,
      ),
      201,
    );
    const read = ok(await get(cases, `/v1/cases/${caseId}`), 200).body;
    expect(read).toMatchObject({ status: 'CLOSED', version: second.body.version });
    expect(read.child).toMatchObject({ dateOfDeath: '2025-03-20', ethnicity: 'REFU', upn: upnOf('201300012004') });
    expect(read.child).not.toHaveProperty('disabilities');
    expect(await eventsOnStream(caseId)).toEqual([
      'CaseOpened',
      'CaseClosed',
      'ChildCharacteristicsRecorded',
      'ChildCharacteristicsRecorded',
    ]);
  });
});
