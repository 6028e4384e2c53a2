import { generateHistory } from './generate-history';
import { summariseHistory, type HistorySummary } from './history-summary';

/**
 * A generated year against docs/domain.md's national figures. Tolerances: a mid-sized authority has about
 * 3,500 CIN referrals a year, so a share near 20% varies by about 0.7 points by chance alone; the
 * bounds below leave room for that and for the choices of the generator, not for a wrong mix.
 */
describe('a generated year looks like England', () => {
  let summary: HistorySummary;
  beforeAll(() => {
    summary = summariseHistory(generateHistory({ seed: 1, years: 1 }));
  }, 60_000);

  it('has about the referrals asked for', () => {
    expect(summary.referrals).toBeGreaterThan(5700);
    expect(summary.referrals).toBeLessThan(6400);
  });

  it('draws CIN referrals from the national mix of sources (within 3 points each)', () => {
    const expected = { POLICE: 0.29, SCHOOLS: 0.2, HEALTH: 0.15, LA_SERVICES: 0.1, INDIVIDUALS: 0.08 };
    for (const [group, share] of Object.entries(expected)) {
      expect(Math.abs(summary.sourceMix[group as keyof typeof expected] - share)).toBeLessThan(0.03);
    }
  });

  it('closes about 7% of CIN referrals with no further action (5-9%)', () => {
    expect(summary.nfaShareOfCinReferrals).toBeGreaterThan(0.05);
    expect(summary.nfaShareOfCinReferrals).toBeLessThan(0.09);
  });

  it('has about 22% re-referrals within 12 months by docs/domain.md rule (18-26%)', () => {
    expect(summary.reReferralShare).toBeGreaterThan(0.18);
    expect(summary.reReferralShare).toBeLessThan(0.26);
  });

  it('assesses about 30% as not in need (26-34%), about 86% within 45 working days (82-90%)', () => {
    expect(summary.assessedNotInNeedShare).toBeGreaterThan(0.26);
    expect(summary.assessedNotInNeedShare).toBeLessThan(0.34);
    expect(summary.assessmentsWithinTimescaleShare).toBeGreaterThan(0.82);
    expect(summary.assessmentsWithinTimescaleShare).toBeLessThan(0.9);
  });

  it('holds about 80% of ICPCs within 15 working days (72-88%)', () => {
    expect(summary.conferencesWithinTimescaleShare).toBeGreaterThan(0.72);
    expect(summary.conferencesWithinTimescaleShare).toBeLessThan(0.88);
  });

  it('steps families down and up through early help by every route', () => {
    for (const origin of ['REFERRAL_STEP_DOWN', 'ASSESSMENT_STEP_DOWN', 'CASE_CLOSED_RC9', 'DIRECT_REQUEST']) {
      expect(summary.episodesOpenedByOrigin[origin]).toBeGreaterThan(30);
    }
    expect(summary.episodesClosedByOutcome.STEPPED_UP).toBeGreaterThan(20);
    expect(summary.outcomes.ALREADY_OPEN).toBeGreaterThan(5);
  });
});
