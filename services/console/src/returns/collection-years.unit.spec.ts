import { collectionYearAsked, collectionYearItems, collectionYearOn, recentCollectionYears } from './collection-years';

describe('the collection year the returns page offers', () => {
  it('is the year that started on the last 1 April: 31 March is still the year before', () => {
    expect(collectionYearOn('2026-03-31')).toBe('2025-26');
    expect(collectionYearOn('2026-04-01')).toBe('2026-27');
    expect(collectionYearOn('2026-11-30')).toBe('2026-27');
    expect(collectionYearOn('2099-06-01')).toBe('2099-00');
  });

  it('offers the current year first and the four before it', () => {
    expect(recentCollectionYears('2026-01-15')).toEqual(['2025-26', '2024-25', '2023-24', '2022-23', '2021-22']);
    expect(recentCollectionYears('2010-05-01', 2)).toEqual(['2010-11', '2009-10']);
  });

  it('names each option by its days, and adds an older year asked for by the address, but not a malformed one', () => {
    const items = collectionYearItems('2026-01-15', '2025-26');
    expect(items[0]).toEqual({ value: '2025-26', text: '2025-26 (1 April 2025 to 31 March 2026)' });
    expect(items).toHaveLength(5);
    expect(collectionYearItems('2026-01-15', '2019-20').map((item) => item.value)).toEqual([
      '2025-26',
      '2024-25',
      '2023-24',
      '2022-23',
      '2021-22',
      '2019-20',
    ]);
    expect(collectionYearItems('2026-01-15', '2025/26')).toHaveLength(5);
  });

  it('shows the year asked for as typed (the service judges it), else the current one', () => {
    expect(collectionYearAsked(' 2024-25 ', '2026-01-15')).toBe('2024-25');
    expect(collectionYearAsked('twenty', '2026-01-15')).toBe('twenty');
    expect(collectionYearAsked('', '2026-04-02')).toBe('2026-27');
    expect(collectionYearAsked(['2024-25', '2023-24'], '2026-04-02')).toBe('2026-27');
    expect(collectionYearAsked(undefined, '2026-04-02')).toBe('2026-27');
  });
});
