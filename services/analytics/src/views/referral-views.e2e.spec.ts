import request from 'supertest';
import type { Role } from '@csc/contracts';
import { eventually, startServices, testToken, type ServicesUnderTest } from '@csc/testing';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { analyticsService } from '../analytics.service-definition';

const SCHOOL = '100001';

/** Children told apart by name and date of birth; the same details again are the same child. */
const CHILDREN = {
  exactlyAYear: { givenName: 'Annual', familyName: 'Rereferral', dateOfBirth: '2015-04-01', sex: 'F', postcode: 'FY1 1AA' },
  aDayTooLate: { givenName: 'Late', familyName: 'Rereferral', dateOfBirth: '2015-04-02', sex: 'M', postcode: 'FY1 1AA' },
  leapDay: { givenName: 'Leap', familyName: 'Rereferral', dateOfBirth: '2015-04-03', sex: 'F', postcode: 'FY1 1AA' },
  sameDay: { givenName: 'Twice', familyName: 'Rereferral', dateOfBirth: '2015-04-04', sex: 'M', postcode: 'FY1 1AA' },
};

describe('analytics: referral views from the event log, the same after a rebuild from offset 0', () => {
  let running: ServicesUnderTest;
  const url = (service: string) => running.services[service].url;
  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;

  beforeAll(async () => {
    running = await startServices('views', [referralIntakeService, analyticsService]);
  });
  afterAll(() => running?.stop());

  const refer = async (child: object, receivedAt: string, outcome: string, source = '2A', informationFirst = false) => {
    const referral = await request(url('referral-intake'))
      .post('/v1/referrals')
      .set('Authorization', await auth(source === '2A' ? 'SCHOOL' : 'FRONT_DOOR', source === '2A' ? SCHOOL : 'LA888'))
      .send({
        receivedAt,
        referrer: { source, organisationId: source === '2A' ? SCHOOL : 'LANCS-POLICE', name: 'View Tester', role: 'DSL' },
        child,
        concerns: { summary: 'Concerns for the view tests.', factors: ['21'] },
        consent: { given: true },
      });
    expect(referral.status).toBe(201);
    const { referralId } = referral.body;
    if (informationFirst) {
      const asked = await request(url('referral-intake'))
        .post(`/v1/referrals/${referralId}/information-requests`)
        .set('Authorization', await auth('FRONT_DOOR'))
        .send({ question: 'What has the school seen?' });
      expect(asked.status).toBeLessThan(300);
    }
    const decidedAt = new Date(new Date(receivedAt).getTime() + 6 * 3600_000).toISOString();
    const decided = await request(url('referral-intake'))
      .post(`/v1/referrals/${referralId}/decision`)
      .set('Authorization', await auth('FRONT_DOOR'))
      .send({
        outcome,
        primaryNeed: outcome === 'ACCEPTED_FOR_ASSESSMENT' || outcome === 'NFA' ? 'N1' : undefined,
        rationale: 'For the view tests.',
        decidedAt,
      });
    expect([decided.status, decided.body]).toEqual([200, expect.anything()]);
    return referralId as string;
  };
  const view = async (path: string) => {
    const response = await request(url('analytics'))
      .get(path)
      .set('Authorization', await auth('ANALYST'));
    expect(response.status).toBe(200);
    return response.body;
  };

  it('counts re-referrals by the 12-month rule and appropriateness by outcome; a rebuild gives every row again', async () => {
    await refer(CHILDREN.exactlyAYear, '2023-03-01T10:00:00Z', 'ACCEPTED_FOR_ASSESSMENT');
    await refer(CHILDREN.exactlyAYear, '2024-03-01T10:00:00Z', 'NFA'); // re-referral: the same date a year later
    await refer(CHILDREN.aDayTooLate, '2023-02-28T10:00:00Z', 'NFA', '6');
    await refer(CHILDREN.aDayTooLate, '2024-03-01T11:00:00Z', 'NFA'); // not: more than a year after 28 Feb 2023
    await refer(CHILDREN.leapDay, '2024-02-29T10:00:00Z', 'NFA', '6');
    await refer(CHILDREN.leapDay, '2025-02-28T10:00:00Z', 'ACCEPTED_FOR_ASSESSMENT'); // re-referral: a year after 29 Feb is 28 Feb
    await refer(CHILDREN.sameDay, '2024-06-03T09:00:00Z', 'NFA', '6');
    await refer(CHILDREN.sameDay, '2024-06-03T15:00:00Z', 'ACCEPTED_FOR_ASSESSMENT'); // re-referral: the later one that day
    await refer(
      { ...CHILDREN.sameDay, givenName: 'Other', dateOfBirth: '2016-01-01' },
      '2024-06-04T09:00:00Z',
      'STEP_DOWN_TO_EARLY_HELP',
      '2A',
      true,
    );
    await refer({ ...CHILDREN.sameDay, givenName: 'Signposted', dateOfBirth: '2016-01-02' }, '2024-06-05T09:00:00Z', 'SIGNPOSTED');

    const bySource = await eventually(async () => {
      const rows = await view('/v1/views/re-referrals?groupBy=source');
      expect(rows.reduce((total: number, row: { perReferral: { of: number } }) => total + row.perReferral.of, 0)).toBe(8);
      return rows;
    });
    expect(bySource).toEqual([
      { group: '2A', perReferral: { count: 3, of: 5, rate: 0.6 }, perChild: { count: 3, of: 4, rate: 0.75 } },
      { group: '6', perReferral: { count: 0, of: 3, rate: 0 }, perChild: { count: 0, of: 3, rate: 0 } },
    ]);
    expect(await view('/v1/views/re-referrals?groupBy=month&from=2024-01-01&to=2024-12-31')).toEqual([
      { group: '2024-02', perReferral: { count: 0, of: 1, rate: 0 }, perChild: { count: 0, of: 1, rate: 0 } },
      { group: '2024-03', perReferral: { count: 1, of: 2, rate: 0.5 }, perChild: { count: 1, of: 2, rate: 0.5 } },
      { group: '2024-06', perReferral: { count: 1, of: 2, rate: 0.5 }, perChild: { count: 1, of: 1, rate: 1 } },
    ]);

    const [school] = await eventually(async () => {
      const rows = await view('/v1/views/referral-appropriateness?groupBy=school');
      expect(rows[0]?.referrals).toBe(7);
      return rows;
    });
    expect(school).toMatchObject({
      group: SCHOOL,
      referrals: 7,
      outcomes: {
        ACCEPTED_FOR_ASSESSMENT: 3,
        NFA: 2,
        STEP_DOWN_TO_EARLY_HELP: 1,
        SIGNPOSTED: 1,
        ALREADY_OPEN: 0,
        ADVICE_AND_INFORMATION: 0,
      },
      appropriate: { count: 3, of: 7 },
      earlyHelpNeed: { count: 1, of: 7 },
      inappropriate: { count: 3, of: 7 },
      quality: { informationRequested: { count: 1, of: 7 }, medianHoursToDecision: 6 },
    });

    // Rebuild every view's projection from offset 0 into a new version; once it takes over, every row is the same.
    const before = await Promise.all(VIEWS.map(view));
    const rebuild = await request(url('analytics'))
      .post('/v1/projections/referrals/rebuild')
      .set('Authorization', await auth('ANALYST'));
    expect(rebuild.status).toBe(202);
    expect(rebuild.body).toMatchObject({ projection: 'referrals', version: 2, state: 'BUILDING' });
    await eventually(async () => {
      const status = await view('/v1/projections');
      expect(status.filter((row: { projection: string }) => row.projection === 'referrals')).toEqual([
        expect.objectContaining({ projection: 'referrals', version: 2, state: 'CURRENT', lag: 0 }),
      ]);
    });
    expect(await Promise.all(VIEWS.map(view))).toEqual(before);
    const tables = await running.databases.analytics.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'projections' AND table_name IN ('referrals_v1', 'cases_v1', 'referrals_v2', 'cases_v2') ORDER BY 1`,
    );
    expect(tables.map((row: { table_name: string }) => row.table_name)).toEqual(['cases_v2', 'referrals_v2']);
  });
});

const VIEWS = [
  '/v1/views/re-referrals?groupBy=source',
  '/v1/views/re-referrals?groupBy=month',
  '/v1/views/re-referrals?groupBy=school',
  '/v1/views/referral-appropriateness?groupBy=school',
  '/v1/views/referral-appropriateness?groupBy=source',
  '/v1/views/referral-appropriateness?groupBy=month',
];
