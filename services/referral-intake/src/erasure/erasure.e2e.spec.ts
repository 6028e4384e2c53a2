import request from 'supertest';
import { sealedSubjectSchema, TOPICS, type EventEnvelope, type Role, type SealedSubject } from '@csc/contracts';
import { eventually, startServices, testSubjectProtection, testToken, TopicProbe, type ServicesUnderTest } from '@csc/testing';
import type { SubjectKeyVault, SubjectProtection } from '@csc/privacy';
import { caseProgressionService } from '../../../case-progression/src/case-progression.service-definition';
import { earlyHelpService } from '../../../early-help/src/early-help.service-definition';
import { ChildIndex } from '../child-index/child-index';
import { referralIntakeService } from '../referral-intake.service-definition';

/** Two made-up children: Erasmina is erased, Keeley is kept (and proves the scans can find what they look for). */
const ERASED = {
  child: {
    givenName: 'Erasmina',
    familyName: 'Forgetmenot',
    dateOfBirth: '2013-02-17',
    sex: 'F',
    nhsNumber: '9434761018',
    upn: 'J201300077001',
    postcode: 'LS6 2AB',
    schoolUrn: '100002',
  },
  identifiers: ['Erasmina', 'Forgetmenot', '9434761018', 'J201300077001', 'LS6 2AB', 'LS62AB'],
};
const KEPT = {
  child: {
    givenName: 'Keeley',
    familyName: 'Rememberwell',
    dateOfBirth: '2012-09-30',
    sex: 'F',
    nhsNumber: '9434762006',
    upn: 'Y201300077002',
    postcode: 'LS7 3CD',
    schoolUrn: '100002',
  },
  identifiers: ['Keeley', 'Rememberwell', '9434762006', 'Y201300077002', 'LS7 3CD'],
};

describe('erasing a child: their keys destroyed, their data unreadable everywhere, every count unchanged', () => {
  let running: ServicesUnderTest;
  let topics: string[];
  let probe: TopicProbe;
  let subjects: SubjectProtection;
  let vault: SubjectKeyVault;
  let closeVault: () => Promise<void>;
  const token = (role: Role) => testToken({ sub: `${role.toLowerCase()}-1`, role, org: 'LA888' });

  beforeAll(async () => {
    running = await startServices('erasure', [referralIntakeService, caseProgressionService, earlyHelpService]);
    topics = [TOPICS.referralIntake, TOPICS.caseProgression, TOPICS.earlyHelp].map((topic) => `${topic}${running.topicSuffix}`);
    probe = await TopicProbe.start(running.kafka, topics);
    ({ subjects, vault, close: closeVault } = await testSubjectProtection());
  });
  afterAll(async () => {
    await probe?.stop();
    await running?.stop();
    await closeVault?.();
  });

  const call = async (service: string, method: 'get' | 'post', path: string, role: Role, body?: object, ifMatch?: number) => {
    const agent = request(running.services[service].url);
    let pending = (method === 'get' ? agent.get(path) : agent.post(path)).set('Authorization', `Bearer ${await token(role)}`);
    if (ifMatch !== undefined) pending = pending.set('If-Match', `"${ifMatch}"`);
    return body ? pending.send(body) : pending;
  };
  const expectStatus = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const referAndAccept = async ({ child }: typeof ERASED): Promise<{ childId: string; referralId: string }> => {
    const referral = expectStatus(
      await call('referral-intake', 'post', '/v1/referrals', 'FRONT_DOOR', {
        receivedAt: '2025-01-03T09:00:00Z',
        referrer: { source: '2A', organisationId: '100002', name: 'Sam Example' },
        child,
        concerns: { summary: 'Disclosure of harm at home.', factors: ['19C'] },
        consent: { given: true },
      }),
      201,
    ).body;
    expectStatus(
      await call('referral-intake', 'post', `/v1/referrals/${referral.referralId}/decision`, 'FRONT_DOOR', {
        outcome: 'ACCEPTED_FOR_ASSESSMENT',
        primaryNeed: 'N1',
        rationale: 'Significant harm.',
        decidedAt: '2025-01-03T15:00:00Z',
      }),
      200,
    );
    return referral;
  };
  const caseOf = (childId: string) =>
    eventually(
      async () => expectStatus(await call('case-progression', 'get', `/v1/children/${childId}/cases`, 'SOCIAL_WORKER'), 200).body[0],
    );
  const envelopes = (messages = probe.messages) => messages.map((message) => JSON.parse(message.value!) as EventEnvelope);

  /** Every row of every table in every schema of every service's database, as text: what a backup would hold. */
  const everythingStored = async (): Promise<string> => {
    const dumps: string[] = [];
    for (const database of Object.values(running.databases)) {
      const tables: { schema: string; name: string }[] = await database.dataSource.query(
        `SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const { schema, name } of tables) {
        const rows: { row: string }[] = await database.dataSource.query(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
        dumps.push(...rows.map((row) => row.row));
      }
    }
    return dumps.join('\n');
  };
  /** The child index's sealed descriptions, as a backup of its table would hold them. */
  const childIndexBackup = async (): Promise<{ childId: string; sealed: SealedSubject; boundTo: string }[]> =>
    (
      await running.databases['referral-intake'].dataSource.query(`SELECT referral_id, child_id, sealed_identity FROM child_identities`)
    ).map((row: { referral_id: string; child_id: string; sealed_identity: SealedSubject }) => ({
      childId: row.child_id,
      sealed: row.sealed_identity,
      boundTo: row.referral_id,
    }));
  const openedFrom = async (backup: { childId: string; sealed: SealedSubject; boundTo: string }[], childId: string) =>
    subjects.openSealed(backup.filter((row) => row.childId === childId));
  const countsOf = async () => {
    const counts: Record<string, number> = {};
    for (const [name, database] of Object.entries(running.databases)) {
      const rows: { type: string; count: number }[] = await database.dataSource.query(
        `SELECT type, count(*)::int AS count FROM events WHERE type <> 'ChildErased' GROUP BY type`,
      );
      for (const row of rows) counts[`${name}:${row.type}`] = row.count;
      counts[`${name}:inbox`] = (
        await database.dataSource.query(`SELECT count(*)::int AS count FROM inbox WHERE event_type <> 'ChildErased'`)
      )[0].count;
    }
    counts['case-progression:child_cases'] = (
      await running.databases['case-progression'].dataSource.query(`SELECT count(*)::int AS count FROM child_cases`)
    )[0].count;
    return counts;
  };

  it('keeps personal data sealed on every topic, and after erasure leaves none anywhere while every count stays', async () => {
    const erased = await referAndAccept(ERASED);
    const kept = await referAndAccept(KEPT);
    const erasedCase = await caseOf(erased.childId);
    await caseOf(kept.childId);
    // The erased child also reaches early help: their assessment steps them down.
    let version = erasedCase.version;
    const started = expectStatus(
      await call(
        'case-progression',
        'post',
        `/v1/cases/${erasedCase.caseId}/assessments`,
        'SOCIAL_WORKER',
        { startedAt: '2025-01-06' },
        version,
      ),
      201,
    ).body;
    version = started.version;
    expectStatus(
      await call(
        'case-progression',
        'post',
        `/v1/cases/${erasedCase.caseId}/assessments/${started.assessmentId}/completion`,
        'SOCIAL_WORKER',
        { authorisedAt: '2025-02-06', factors: ['21'], outcome: 'STEP_DOWN_TO_EARLY_HELP' },
        version,
      ),
      201,
    );
    const episodeOpened = await eventually(() => {
      const found = envelopes().find((event) => event.type === 'EarlyHelpEpisodeOpened' && event.childId === erased.childId);
      expect(found).toBeDefined();
      return found!;
    });
    expectStatus(
      await call('early-help', 'get', `/v1/early-help/episodes/${(episodeOpened.data as { episodeId: string }).episodeId}`, 'EARLY_HELP'),
      200,
    );

    // On the topics: ciphertext only, for both children, in every service's events.
    const raw = probe.messages.map((message) => message.value).join('\n');
    for (const identifier of [...ERASED.identifiers, ...KEPT.identifiers, '2013-02-17', '2012-09-30'])
      expect(raw).not.toContain(identifier);
    const withSubjects = envelopes().filter((event) => (event.data as { subject?: unknown }).subject);
    expect(new Set(withSubjects.map((event) => event.type))).toEqual(
      new Set(['ReferralReceived', 'ReferralDecided', 'CaseOpened', 'AssessmentCompleted', 'EarlyHelpEpisodeOpened']),
    );
    for (const event of withSubjects)
      expect(sealedSubjectSchema.safeParse((event.data as { subject: unknown }).subject).success).toBe(true);

    // Even before erasure, a dump of every table of every service (a backup) holds no identifier in clear:
    // the child index keeps each description sealed with the child's key, beside keyed hashes.
    const backup = await everythingStored();
    expect(backup).toContain(erased.childId); // the scan sees the rows it looks through
    for (const identifier of [...ERASED.identifiers, ...KEPT.identifiers, '2013-02-17', '2012-09-30'])
      expect(backup).not.toContain(identifier);
    const indexBackup = await childIndexBackup();
    expect(await openedFrom(indexBackup, erased.childId)).toEqual([expect.objectContaining({ nhsNumber: '9434761018' })]);
    const before = await countsOf();
    const messagesBefore = probe.messages.length;

    const erasure = expectStatus(
      await call('referral-intake', 'post', `/v1/children/${erased.childId}/erasure`, 'ADMIN', {
        reason: 'Subject access and erasure request, ref 2026-117',
      }),
      201,
    ).body;
    expect(erasure).toEqual({ childId: erased.childId, basis: 'ERASURE_REQUEST', erasedAt: expect.any(String), keysDestroyed: 1 });
    // Asking again changes nothing.
    expect(
      expectStatus(await call('referral-intake', 'post', `/v1/children/${erased.childId}/erasure`, 'ADMIN', { reason: 'again' }), 200).body,
    ).toEqual(erasure);
    await eventually(() => expect(envelopes().filter((event) => event.type === 'ChildErased')).toHaveLength(1));

    // The child's records are gone as records (410), the other child's are whole.
    expectStatus(await call('referral-intake', 'get', `/v1/referrals/${erased.referralId}`, 'FRONT_DOOR'), 410);
    // The school that referred learns nothing, not even that there was a child to erase: its usual 404, word for word.
    const referringSchool = await testToken({ sub: 'dsl-100002', role: 'SCHOOL', org: '100002' });
    const asSchool = await request(running.services['referral-intake'].url)
      .get(`/v1/referrals/${erased.referralId}`)
      .set('Authorization', `Bearer ${referringSchool}`);
    expect([asSchool.status, asSchool.body.message]).toEqual([404, [`id: no referral ${erased.referralId}`]]);
    const childAsSchool = await request(running.services['referral-intake'].url)
      .get(`/v1/children/${erased.childId}/referrals`)
      .set('Authorization', `Bearer ${referringSchool}`);
    expect([childAsSchool.status, childAsSchool.body.message]).toEqual([404, [`childId: no referrals for child ${erased.childId}`]]);
    // Each service stops opening the child's data when ChildErased reaches it (it drops its cached keys).
    await eventually(async () =>
      expectStatus(await call('case-progression', 'get', `/v1/cases/${erasedCase.caseId}`, 'SOCIAL_WORKER'), 410),
    );
    expectStatus(
      await call(
        'case-progression',
        'post',
        `/v1/cases/${erasedCase.caseId}/closure`,
        'SOCIAL_WORKER',
        { closedOn: '2025-03-01', reason: 'RC7' },
        3,
      ),
      410,
    );
    expect(
      expectStatus(await call('referral-intake', 'get', `/v1/referrals/${kept.referralId}`, 'FRONT_DOOR'), 200).body.child,
    ).toMatchObject({
      givenName: 'Keeley',
    });

    // Rebuild the child index from the log: the erased child cannot come back.
    await running.services['referral-intake'].app.get(ChildIndex).rebuildFromEvents();
    const stored = await everythingStored();
    for (const identifier of [...ERASED.identifiers, '2013-02-17']) expect(stored).not.toContain(identifier);
    expect((await childIndexBackup()).map((row) => row.childId)).not.toContain(erased.childId);
    // The backup taken before the erasure no longer opens for the erased child; the kept child's still does.
    // (Read as whoever restores it would: a process that has not cached the key a moment before.)
    vault.forgetCachedKeys();
    expect(await openedFrom(indexBackup, erased.childId)).toEqual([null]);
    expect(await openedFrom(indexBackup, kept.childId)).toEqual([expect.objectContaining({ nhsNumber: '9434762006' })]);

    // Replay every topic from offset 0: nothing of the erased child opens; the kept child's does.
    const replay = await TopicProbe.start(running.kafka, topics);
    try {
      await eventually(() => expect(replay.messages.length).toBe(messagesBefore + 1));
      const opened: string[] = [];
      for (const event of envelopes(replay.messages)) {
        const { envelope, erased: wasErased } = await subjects.reveal(event);
        expect(wasErased).toBe(event.childId === erased.childId && (event.data as { subject?: unknown }).subject != null);
        opened.push(JSON.stringify(envelope));
      }
      const everythingReplayed = opened.join('\n');
      for (const identifier of ERASED.identifiers) expect(everythingReplayed).not.toContain(identifier);
      expect(everythingReplayed).toContain('Rememberwell');
    } finally {
      await replay.stop();
    }
    expect(await countsOf()).toEqual(before);
  });

  it('lists children past their retention period (dry run), then erases exactly those', async () => {
    const closedChild = {
      ...KEPT.child,
      givenName: 'Retta',
      familyName: 'Pastdue',
      dateOfBirth: '2010-05-05',
      nhsNumber: undefined,
      upn: undefined,
      postcode: 'LS8 1EF',
    };
    // A referral about the child, received and decided (NFA) at the instants given.
    const referAndDecide = async (receivedAt: string, decidedAt: string | null) => {
      const referred = expectStatus(
        await call('referral-intake', 'post', '/v1/referrals', 'FRONT_DOOR', {
          receivedAt,
          referrer: { source: '2A', organisationId: '100002', name: 'Sam Example' },
          child: closedChild,
          concerns: { summary: 'Low-level worries.', factors: ['21'] },
          consent: { given: true },
        }),
        201,
      ).body;
      const decide = async (at: string) =>
        expectStatus(
          await call('referral-intake', 'post', `/v1/referrals/${referred.referralId}/decision`, 'FRONT_DOOR', {
            outcome: 'NFA',
            primaryNeed: 'N9',
            rationale: 'No further action.',
            decidedAt: at,
          }),
          200,
        );
      if (decidedAt) await decide(decidedAt);
      return { ...referred, decide };
    };
    const referral = await referAndDecide('2025-01-03T09:00:00Z', '2025-01-04T10:00:00Z');
    // Born 5 May 2010: kept until the 25th birthday, erased from the day after.
    const dueOn = async (asOf: string) =>
      expectStatus(await call('referral-intake', 'get', `/v1/retention/erasures-due?asOf=${asOf}`, 'ADMIN'), 200).body as {
        childId: string;
      }[];
    // A referral's part is read from its queue row, written with its events: no wait for a topic.
    expect(await dueOn('2035-05-06')).toEqual([
      { childId: referral.childId, lastClosedOn: '2025-01-04', retainUntil: '2035-05-05', everLookedAfter: false },
    ]);

    // A second referral about the same child holds the child's records open until it too is decided.
    const again = await referAndDecide('2025-03-03T09:00:00Z', null);
    expect(again.childId).toBe(referral.childId);
    expect(await dueOn('2035-05-06')).toEqual([]);
    // 23:30 UTC in British Summer Time is the next day in London: the day it closed is London's.
    await again.decide('2025-04-01T23:30:00Z');
    expect(await dueOn('2035-05-06')).toEqual([
      { childId: referral.childId, lastClosedOn: '2025-04-02', retainUntil: '2035-05-05', everLookedAfter: false },
    ]);
    expect(await dueOn('2035-05-05')).toEqual([]);
    expectStatus(await call('referral-intake', 'get', '/v1/retention/erasures-due?asOf=tomorrow', 'ADMIN'), 400);
    expectStatus(await call('referral-intake', 'get', '/v1/retention/erasures-due', 'FRONT_DOOR'), 403);

    const swept = expectStatus(await call('referral-intake', 'post', '/v1/retention/sweeps', 'ADMIN', { asOf: '2035-05-06' }), 200).body;
    expect(swept).toEqual([{ childId: referral.childId, basis: 'RETENTION_PERIOD_ENDED', erasedAt: expect.any(String), keysDestroyed: 1 }]);
    expect(await dueOn('2035-05-06')).toEqual([]);
    expectStatus(await call('referral-intake', 'get', `/v1/referrals/${referral.referralId}`, 'FRONT_DOOR'), 410);
    await eventually(() =>
      expect(
        envelopes()
          .filter((event) => event.type === 'ChildErased')
          .map((event) => (event.data as { basis: string }).basis),
      ).toContain('RETENTION_PERIOD_ENDED'),
    );
  });

  it("counts a child's closed case and a later referral together: open while the referral is undecided, closed on the later day", async () => {
    const child = {
      ...KEPT.child,
      givenName: 'Cassie',
      familyName: 'Closedcase',
      dateOfBirth: '2010-07-07',
      nhsNumber: undefined,
      upn: undefined,
      postcode: 'LS9 2GH',
    };
    const refer = async (receivedAt: string) =>
      expectStatus(
        await call('referral-intake', 'post', '/v1/referrals', 'FRONT_DOOR', {
          receivedAt,
          referrer: { source: '2A', organisationId: '100002', name: 'Sam Example' },
          child,
          concerns: { summary: 'Worries about neglect.', factors: ['21'] },
          consent: { given: true },
        }),
        201,
      ).body as { referralId: string; childId: string };
    const decide = async (referralId: string, outcome: string, decidedAt: string) =>
      expectStatus(
        await call('referral-intake', 'post', `/v1/referrals/${referralId}/decision`, 'FRONT_DOOR', {
          outcome,
          primaryNeed: 'N1',
          rationale: 'Decided.',
          decidedAt,
        }),
        200,
      );
    // Born 7 July 2010: kept until the 25th birthday, erased from the day after.
    const due = async () =>
      (
        expectStatus(await call('referral-intake', 'get', '/v1/retention/erasures-due?asOf=2035-07-08', 'ADMIN'), 200).body as {
          childId: string;
        }[]
      ).filter((row) => row.childId === first.childId);
    const closedOn = (day: string) => [{ childId: first.childId, lastClosedOn: day, retainUntil: '2035-07-07', everLookedAfter: false }];

    const first = await refer('2025-01-03T09:00:00Z');
    await decide(first.referralId, 'ACCEPTED_FOR_ASSESSMENT', '2025-01-03T15:00:00Z');
    const opened = await caseOf(first.childId);
    // The open case (its CaseOpened, once it has reached this service) keeps the child off the list, though its referral is decided.
    await eventually(async () => expect(await due()).toEqual([]));
    expectStatus(
      await call(
        'case-progression',
        'post',
        `/v1/cases/${opened.caseId}/closure`,
        'SOCIAL_WORKER',
        { closedOn: '2025-06-30', reason: 'RC7' },
        opened.version,
      ),
      201,
    );
    // The case's closure (case-progression's event, kept in child_records) is the later one: the referral's queue row says 3 January.
    await eventually(async () => expect(await due()).toEqual(closedOn('2025-06-30')));

    // A new referral about the child holds the closed case's child open until it is decided.
    const second = await refer('2025-08-01T09:00:00Z');
    expect(second.childId).toBe(first.childId);
    expect(await due()).toEqual([]);
    await decide(second.referralId, 'NFA', '2025-09-01T10:00:00Z');
    expect(await due()).toEqual(closedOn('2025-09-01'));
  });
});
