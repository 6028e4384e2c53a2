import { parseEnvelope, parseEventData } from '@csc/contracts';
import { eventually } from '@csc/testing';
import { aReferralBody, expectStatus, ReferralIntakeHarness, SCHOOL_A, SCHOOL_B, SCHOOL_C } from '../../test/referral-intake.harness';

describe('a referral from a school to the front door decision', () => {
  let harness: ReferralIntakeHarness;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('referral_lifecycle');
  });
  afterAll(() => harness?.stop());

  const receive = async (body = aReferralBody()) => expectStatus(await harness.post('/v1/referrals', body, 'SCHOOL', SCHOOL_A), 201).body;

  it('goes back to the school for information, takes its answer, is decided once, and tells each reader what it may know', async () => {
    const { referralId, childId } = await receive(aReferralBody({ child: { schoolUrn: SCHOOL_B } }));

    const asked = expectStatus(
      await harness.post(`/v1/referrals/${referralId}/information-requests`, { question: 'Who else lives at home?' }, 'FRONT_DOOR'),
      201,
    );
    expect(asked.body).toMatchObject({ referralId, status: 'AWAITING_INFORMATION', version: 3, requestId: expect.any(String) });

    const schoolSees = expectStatus(await harness.get(`/v1/referrals/${referralId}`, 'SCHOOL', SCHOOL_A), 200).body;
    expect(schoolSees.informationRequests).toEqual([
      {
        requestId: asked.body.requestId,
        question: 'Who else lives at home?',
        requestedAt: expect.any(String),
        answer: null,
        answeredAt: null,
      },
    ]);

    const answered = expectStatus(
      await harness.post(`/v1/referrals/${referralId}/information`, { answer: 'Mum, her partner and a baby brother.' }, 'SCHOOL', SCHOOL_A),
      200,
    );
    expect(answered.body).toMatchObject({ status: 'RECEIVED', version: 4 });
    expect(answered.headers.etag).toBe('"4"');

    const decided = expectStatus(
      await harness.post(
        `/v1/referrals/${referralId}/decision`,
        { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Disclosure and escalating concerns.' },
        'FRONT_DOOR',
        undefined,
        { 'If-Match': '"4"' },
      ),
      200,
    );
    expect(decided.body).toMatchObject({ status: 'DECIDED', version: 5, outcome: 'ACCEPTED_FOR_ASSESSMENT' });

    const again = expectStatus(
      await harness.post(
        `/v1/referrals/${referralId}/decision`,
        { outcome: 'NFA', primaryNeed: 'N4', rationale: 'Second thoughts.' },
        'FRONT_DOOR',
      ),
      409,
    );
    expect(again.body.message).toEqual(['outcome: the referral has already been decided']);
    expectStatus(await harness.post(`/v1/referrals/${referralId}/information`, { answer: 'More.' }, 'SCHOOL', SCHOOL_A), 409);
    expectStatus(await harness.post(`/v1/referrals/${referralId}/information-requests`, { question: 'More?' }, 'FRONT_DOOR'), 409);

    const frontDoorSees = expectStatus(await harness.get(`/v1/referrals/${referralId}`, 'FRONT_DOOR'), 200).body;
    expect(frontDoorSees.decision).toEqual({
      outcome: 'ACCEPTED_FOR_ASSESSMENT',
      decidedAt: expect.any(String),
      primaryNeed: 'N1',
      cinReferral: true,
      rationale: 'Disclosure and escalating concerns.',
    });
    expect(frontDoorSees.childMatch).toEqual({ rule: 'NEW_CHILD', matchedExistingChild: false });

    const schoolSeesDecision = expectStatus(await harness.get(`/v1/referrals/${referralId}`, 'SCHOOL', SCHOOL_A), 200).body;
    expect(schoolSeesDecision.decision).toEqual({ category: 'ACCEPTED_FOR_ASSESSMENT', decidedAt: expect.any(String) });
    expect(JSON.stringify(schoolSeesDecision)).not.toMatch(/rationale|primaryNeed|Disclosure and escalating|childMatch/);

    // Another school learns nothing, not even that the referral or the child exists.
    expectStatus(await harness.get(`/v1/referrals/${referralId}`, 'SCHOOL', SCHOOL_C), 404);
    expectStatus(await harness.get(`/v1/children/${childId}/referrals`, 'SCHOOL', SCHOOL_C), 404);
    expectStatus(await harness.post(`/v1/referrals/${referralId}/information`, { answer: 'x' }, 'SCHOOL', SCHOOL_C), 404);

    const decision = await eventually(() => {
      const found = harness
        .messagesFor(referralId)
        .map((message) => parseEnvelope(message.value))
        .find((event) => event.type === 'ReferralDecided');
      expect(found).toBeDefined();
      return found!;
    });
    expect(parseEventData('ReferralDecided', (await harness.opened(decision)).data)).toMatchObject({
      outcome: 'ACCEPTED_FOR_ASSESSMENT',
      cinReferral: true,
      primaryNeed: 'N1',
      childId,
      informationRequestCount: 1,
      source: '2A',
      referrerOrganisationId: SCHOOL_A,
      child: { schoolUrn: SCHOOL_B },
    });
    expect(harness.messagesFor(referralId).map((message) => message.headers['event-type'])).toEqual([
      'ReferralReceived',
      'ChildMatched',
      'InformationRequested',
      'InformationProvided',
      'ReferralDecided',
    ]);
  });

  it('refuses a write made on a stale version, naming the current one', async () => {
    const { referralId } = await receive();
    expectStatus(await harness.post(`/v1/referrals/${referralId}/information-requests`, { question: 'Any siblings?' }, 'FRONT_DOOR'), 201);
    const stale = expectStatus(
      await harness.post(
        `/v1/referrals/${referralId}/decision`,
        { outcome: 'SIGNPOSTED', rationale: 'Universal services.' },
        'FRONT_DOOR',
        undefined,
        { 'If-Match': '2' },
      ),
      409,
    );
    expect(stale.body).toMatchObject({ currentVersion: 3 });
    expect(stale.headers.etag).toBe('"3"');
    expectStatus(
      await harness.post(`/v1/referrals/${referralId}/decision`, { outcome: 'SIGNPOSTED', rationale: 'x' }, 'FRONT_DOOR', undefined, {
        'If-Match': 'soon',
      }),
      400,
    );
  });

  it('makes one of several decisions sent at once and refuses the others (409), writing nothing of theirs', async () => {
    const { referralId } = await receive();
    // The same valid decision four times: each loser is a 409, whether it lost the race at the append (the
    // version it read was taken) or read the winner's decision (already decided).
    const decide = (rationale: string) =>
      harness.post(`/v1/referrals/${referralId}/decision`, { outcome: 'NFA', primaryNeed: 'N9', rationale }, 'FRONT_DOOR');

    const answers = await Promise.all(['First.', 'Second.', 'Third.', 'Fourth.'].map(decide));

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409]);
    const made = answers.find((answer) => answer.status === 200)!.body;
    const decisions = () => harness.messagesFor(referralId).filter((message) => message.headers['event-type'] === 'ReferralDecided');
    await eventually(async () => expect(decisions()).toHaveLength(1));
    expect(parseEnvelope(decisions()[0].value).streamVersion).toBe(made.version);
    // The refused ones' rows were in their appends' statements: undone with them.
    const served: { n: number }[] = await harness.database.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE route = '/v1/referrals/{id}/decision' AND outcome = 200 AND resource_id = $1`,
      [referralId],
    );
    expect(served).toEqual([{ n: 1 }]);
    const queued: { version: number }[] = await harness.database.dataSource.query(
      `SELECT version FROM referral_queue WHERE referral_id = $1`,
      [referralId],
    );
    expect(queued).toEqual([{ version: made.version }]);
  });

  it('refuses an answer when no question is open, and a decision against the rules, naming the rule', async () => {
    const { referralId } = await receive();
    const noQuestion = expectStatus(
      await harness.post(`/v1/referrals/${referralId}/information`, { answer: 'Unprompted.' }, 'SCHOOL', SCHOOL_A),
      409,
    );
    expect(noQuestion.body.message).toEqual(['answer: there is no open question on this referral']);

    const withoutNeed = expectStatus(
      await harness.post(`/v1/referrals/${referralId}/decision`, { outcome: 'NFA', rationale: 'No role for CSC.' }, 'FRONT_DOOR'),
      422,
    );
    expect(withoutNeed.body.message).toEqual([
      'primaryNeed: NFA makes a CIN referral, which needs a primary need code [primary-need-for-cin-referral]',
    ]);

    const beforeReceipt = expectStatus(
      await harness.post(
        `/v1/referrals/${referralId}/decision`,
        { outcome: 'SIGNPOSTED', rationale: 'x', decidedAt: '2020-01-01T09:00:00Z' },
        'FRONT_DOOR',
      ),
      422,
    );
    expect(beforeReceipt.body.message).toEqual(['decidedAt: cannot be before the referral was received [not-before-receipt]']);
  });

  it("lists a child's referrals for staff, and only its own for a school", async () => {
    const familyName = `Sibling${Date.now()}`;
    const child = { givenName: 'Noah', familyName, dateOfBirth: '2015-05-05', sex: 'M', postcode: 'FY3 7AA' };
    const fromSchool = await receive(aReferralBody({ child }));
    const fromPolice = expectStatus(
      await harness.post(
        '/v1/referrals',
        aReferralBody({ child, referrer: { source: '6', organisationId: 'LANCS-POLICE', name: 'PC Example' } }),
        'FRONT_DOOR',
      ),
      201,
    ).body;
    expect(fromPolice.childId).toBe(fromSchool.childId);

    const staff = expectStatus(await harness.get(`/v1/children/${fromSchool.childId}/referrals`, 'SOCIAL_WORKER'), 200).body;
    expect(staff.map((referral: { referralId: string }) => referral.referralId)).toEqual([fromSchool.referralId, fromPolice.referralId]);
    const school = expectStatus(await harness.get(`/v1/children/${fromSchool.childId}/referrals`, 'SCHOOL', SCHOOL_A), 200).body;
    expect(school.map((referral: { referralId: string }) => referral.referralId)).toEqual([fromSchool.referralId]);
    expect(JSON.stringify(school)).not.toContain('PC Example');
  });
});
