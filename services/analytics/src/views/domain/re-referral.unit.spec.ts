import { isReReferral, oneYearAfter, reReferralsAmong } from './re-referral';

describe('re-referral within 12 months (docs/domain.md)', () => {
  it.each([
    ['2023-03-01', '2024-03-01', true],
    ['2023-02-28', '2024-03-01', false],
    ['2024-02-29', '2025-02-28', true],
    ['2024-02-29', '2025-03-01', false],
    ['2023-06-15', '2023-06-15', true],
    ['2022-12-31', '2023-12-31', true],
    ['2022-12-31', '2024-01-01', false],
  ])('after a referral on %s, one on %s is a re-referral: %s', (previous, next, expected) => {
    expect(isReReferral(previous, next)).toBe(expected);
  });

  it('one year after 29 February is 28 February; after 28 February in a leap year, 28 February', () => {
    expect(oneYearAfter('2024-02-29')).toBe('2025-02-28');
    expect(oneYearAfter('2028-02-28')).toBe('2029-02-28');
    expect(oneYearAfter('2023-02-28')).toBe('2024-02-28');
  });

  it('two on one day: the later-received is the re-referral; each compares with the previous one only', () => {
    const marked = reReferralsAmong([
      { referralId: 'b', childId: 'c1', receivedAt: '2024-05-01T15:00:00Z', referralDate: '2024-05-01' },
      { referralId: 'a', childId: 'c1', receivedAt: '2024-05-01T09:00:00Z', referralDate: '2024-05-01' },
      { referralId: 'c', childId: 'c1', receivedAt: '2025-05-02T09:00:00Z', referralDate: '2025-05-02' },
      { referralId: 'd', childId: 'c2', receivedAt: '2024-05-01T10:00:00Z', referralDate: '2024-05-01' },
    ]);
    expect([...marked]).toEqual(['b']);
  });
});
