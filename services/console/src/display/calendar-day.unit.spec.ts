import { calendarDay, todayInEngland, words } from './calendar-day';

describe('calendar days for people', () => {
  it('writes the day the API gives, whatever the time zone', () => {
    expect(calendarDay('2025-01-06')).toBe('6 January 2025');
    expect(calendarDay(null)).toBe('');
  });

  it("takes today from England's clock: just after midnight in summer is already the next day", () => {
    expect(todayInEngland(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
  });

  it('turns a code into words', () => {
    expect(words('SECTION_47')).toBe('Section 47');
    expect(words('CLOSED_GRADUATED')).toBe('Closed graduated');
  });
});
