import { appropriatenessBySource, earlyHelpFunnel, reReferralsByMonth } from './dashboard-figures';
import { dashboardPeriodFrom, evaluationQuery, periodQuery } from './dashboard-period';
import { chartDataOf, csvRowsOf, tableOf } from './figure';

const p = (count: number, of: number) => ({ count, of, rate: of === 0 ? null : Math.round((count / of) * 10_000) / 10_000 });

describe("the analyst's dashboard", () => {
  it('sends the period to every view and the cohort only when both the schools and the start date are given', () => {
    const period = dashboardPeriodFrom({ from: ' 2024-04-01 ', to: '', schools: '100001, 100002 100003', since: '' });
    expect(periodQuery(period)).toBe('from=2024-04-01');
    expect(evaluationQuery(period)).toBeNull();
    expect(evaluationQuery({ ...period, since: '2024-09-01' })).toBe('schools=100001%2C100002%2C100003&since=2024-09-01&from=2024-04-01');
  });

  it('shows each figure as the same numbers three ways: the table, the chart (rates, with counts for the tooltips) and the CSV', () => {
    const figure = reReferralsByMonth([{ group: '2024-03', perReferral: p(1, 2), perChild: p(1, 3) }]);
    expect(tableOf(figure)).toEqual({
      head: ['Month', 'Re-referrals (per referral)', 'Children re-referred (per child)'],
      rows: [{ group: '2024-03', cells: ['1 of 2 (50%)', '1 of 3 (33.3%)'] }],
    });
    expect(chartDataOf(figure)).toMatchObject({
      labels: ['2024-03'],
      datasets: [
        { data: [50], counts: [1], of: [2] },
        { data: [33.3], counts: [1], of: [3] },
      ],
      reference: { percent: 22.4 },
    });
    expect(csvRowsOf(figure)).toEqual([
      [
        'Month',
        'Re-referrals (per referral): count',
        'Re-referrals (per referral): out of',
        'Re-referrals (per referral): rate',
        'Children re-referred (per child): count',
        'Children re-referred (per child): out of',
        'Children re-referred (per child): rate',
      ],
      ['2024-03', 1, 2, 0.5, 1, 3, 0.3333],
    ]);
  });

  it('names sources, keeps a median beside the rates, and says when nothing was counted', () => {
    const row = { group: '2A', referrals: 0, appropriate: p(0, 0), earlyHelpNeed: p(0, 0), inappropriate: p(0, 0) };
    const figure = appropriatenessBySource([{ ...row, quality: { informationRequested: p(0, 0), medianHoursToDecision: null } }]);
    expect(tableOf(figure).rows).toEqual([{ group: '2A: Schools', cells: ['0 of 0', '0 of 0', '0 of 0', '0 of 0', 'none'] }]);
    expect(chartDataOf(figure).datasets[0].data).toEqual([null]);
  });

  it('draws the early help funnel as stages of those referred', () => {
    const stage = p(1, 4);
    const funnel = { referred: 4, supported: p(3, 4), graduated: stage, leftWithoutGraduating: stage, active: stage, steppedUp: stage };
    const figure = earlyHelpFunnel({
      funnel: { ...funnel, notProgressed: stage, movedAway: p(0, 4) },
      ladder: { familiesWithTwoReadings: 0, progressedInAtLeastOneArea: p(0, 0), progressedInFiveOrMoreAreas: p(0, 0) },
    });
    expect(tableOf(figure).rows[0]).toEqual({ group: 'Supported (a plan agreed)', cells: ['3 of 4 (75%)'] });
    expect(figure.description).toContain('Of the 4 early help episodes');
  });
});
