import { collectionYearOf } from './collection-year';

describe('collectionYearOf: a collection year from the label the DfE gives it', () => {
  it('runs 2025-26 from 1 April 2025 to 31 March 2026, the reference date, in the header’s Year 2026', () => {
    expect(collectionYearOf('2025-26')).toEqual({ label: '2025-26', start: '2025-04-01', end: '2026-03-31', endYear: 2026 });
  });

  it('carries the second year across a century', () => {
    expect(collectionYearOf('2099-00')).toEqual({ label: '2099-00', start: '2099-04-01', end: '2100-03-31', endYear: 2100 });
  });

  it.each(['2025-27', '2025-25', '2025/26', '25-26', '2025-2026', '2025-26 ', '1999-00', ''])('is not a year for %j', (label) => {
    expect(collectionYearOf(label)).toBeNull();
  });
});
