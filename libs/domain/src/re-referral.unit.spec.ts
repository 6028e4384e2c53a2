import { isReReferral, oneYearAfter } from './re-referral';

describe("the DfE's re-referral rule (docs/domain.md)", () => {
  it.each([
    ['2023-03-01', '2024-03-01', true],
    ['2023-02-28', '2024-03-01', false],
    ['2024-02-29', '2025-02-28', true],
    ['2024-02-29', '2025-03-01', false],
    ['2025-01-10', '2025-01-10', true],
  ])('a referral after one on %s, on %s, is a re-referral: %s', (previous, next, expected) => {
    expect(isReReferral(previous, next)).toBe(expected);
  });

  it('puts one year after 29 February on 28 February', () => {
    expect(oneYearAfter('2024-02-29')).toBe('2025-02-28');
    expect(oneYearAfter('2027-02-28')).toBe('2028-02-28');
  });
});
