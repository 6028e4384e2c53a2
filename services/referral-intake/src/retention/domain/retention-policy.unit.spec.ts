import { DEFAULT_RETENTION_POLICY, isDue, retainUntil, type ChildRecordsSummary } from './retention-policy';

const child = (overrides: Partial<ChildRecordsSummary> = {}): ChildRecordsSummary => ({
  dateOfBirth: '2010-05-05',
  lastClosedOn: '2025-01-04',
  openRecords: 0,
  everLookedAfter: false,
  ...overrides,
});

describe('how long a child record is kept', () => {
  it.each([
    ['a child in need: until the 25th birthday', child(), DEFAULT_RETENTION_POLICY, '2035-05-05'],
    ['a child ever looked after: until the 75th birthday', child({ everLookedAfter: true }), DEFAULT_RETENTION_POLICY, '2085-05-05'],
    [
      'never less than the years after the last closure',
      child({ lastClosedOn: '2034-02-01' }),
      { ...DEFAULT_RETENTION_POLICY, yearsAfterLastClosure: 6 },
      '2040-02-01',
    ],
    ['born on 29 February: the birthday falls on the 28th', child({ dateOfBirth: '2012-02-29' }), DEFAULT_RETENTION_POLICY, '2037-02-28'],
  ])('%s', (_name, summary, policy, until) => {
    expect(retainUntil(summary, policy)).toBe(until);
  });

  it('is never due while anything is open, or without a date of birth or a closure', () => {
    expect(retainUntil(child({ openRecords: 1 }), DEFAULT_RETENTION_POLICY)).toBeNull();
    expect(retainUntil(child({ dateOfBirth: null }), DEFAULT_RETENTION_POLICY)).toBeNull();
    expect(retainUntil(child({ lastClosedOn: null }), DEFAULT_RETENTION_POLICY)).toBeNull();
  });

  it('is due the day after the last day kept', () => {
    expect(isDue(child(), DEFAULT_RETENTION_POLICY, '2035-05-05')).toBe(false);
    expect(isDue(child(), DEFAULT_RETENTION_POLICY, '2035-05-06')).toBe(true);
  });
});
