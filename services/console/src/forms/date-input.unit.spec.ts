import { dateInputErrors, datePartsFor, linkDateFields, readDateInput } from './date-input';

const posted = (day: string, month: string, year: string) => ({
  'dateOfBirth-day': day,
  'dateOfBirth-month': month,
  'dateOfBirth-year': year,
});
const read = (day: string, month: string, year: string, optional = false) =>
  readDateInput(posted(day, month, year), 'dateOfBirth', 'Date of birth', { optional });

describe('reading a GOV.UK date input', () => {
  it('turns day, month and year into the API’s YYYY-MM-DD, accepting unambiguous forms', () => {
    expect(read('1', '6', '2014')).toEqual({ date: '2014-06-01' });
    expect(read(' 01 ', '06', '2014')).toEqual({ date: '2014-06-01' });
    expect(read('29', '2', '2024')).toEqual({ date: '2024-02-29' });
    expect(read('3rd', 'Sept', '2015')).toEqual({ date: '2015-09-03' });
    expect(read('31', 'december', '1999')).toEqual({ date: '1999-12-31' });
  });

  it('asks for the date when nothing is entered, unless it is optional', () => {
    expect(read('', '', '')).toEqual({ error: { text: 'Enter date of birth' } });
    expect(read('', '', '', true)).toEqual({ date: null });
    expect(readDateInput({}, 'closedAt', 'Day the case closed')).toEqual({ error: { text: 'Enter day the case closed' } });
  });

  it('names what is missing, highlighting one missing part on its own and several as the whole date', () => {
    expect(read('1', '', '2014')).toEqual({ error: { text: 'Date of birth must include a month', parts: ['month'] } });
    expect(read('', '6', '2014')).toEqual({ error: { text: 'Date of birth must include a day', parts: ['day'] } });
    expect(read('', '', '2014')).toEqual({ error: { text: 'Date of birth must include a day and month' } });
    expect(read('1', '', '')).toEqual({ error: { text: 'Date of birth must include a month and year' } });
  });

  it('says a part that cannot be right must be a real date, highlighting that part', () => {
    expect(read('32', '6', '2014')).toEqual({ error: { text: 'Date of birth must be a real date', parts: ['day'] } });
    expect(read('1', '13', '2014')).toEqual({ error: { text: 'Date of birth must be a real date', parts: ['month'] } });
    expect(read('1', 'ju', '2014')).toEqual({ error: { text: 'Date of birth must be a real date', parts: ['month'] } });
    expect(read('0', '6', '2014')).toEqual({ error: { text: 'Date of birth must be a real date', parts: ['day'] } });
    expect(read('1', '6', '14')).toEqual({ error: { text: 'Year must include 4 numbers', parts: ['year'] } });
  });

  it('highlights the whole date when no single part is at fault, or several are', () => {
    expect(read('30', '2', '2025')).toEqual({ error: { text: 'Date of birth must be a real date' } });
    expect(read('29', '2', '2025')).toEqual({ error: { text: 'Date of birth must be a real date' } });
    expect(read('40', '13', '2014')).toEqual({ error: { text: 'Date of birth must be a real date' } });
    expect(read('x', '6', '14')).toEqual({ error: { text: 'Date of birth must be a real date' } });
  });

  it('reads missing before wrong, as GOV.UK orders its messages', () => {
    expect(read('45', '', '2014')).toEqual({ error: { text: 'Date of birth must include a month', parts: ['month'] } });
  });
});

describe('showing a date input', () => {
  it('splits a known date into the parts the form shows', () => {
    expect(datePartsFor('startedAt', '2025-03-01')).toEqual({ 'startedAt-day': '1', 'startedAt-month': '3', 'startedAt-year': '2025' });
    expect(datePartsFor('startedAt', null)).toEqual({});
  });

  it('links each date message to the first part it highlights', () => {
    const errors = dateInputErrors({
      dateOfBirth: { text: 'Date of birth must include a month', parts: ['month'] },
      startedAt: { text: 'Enter the day' },
    });
    expect(errors.summary).toEqual([
      { text: 'Date of birth must include a month', href: '#dateOfBirth-month' },
      { text: 'Enter the day', href: '#startedAt-day' },
    ]);
    expect(errors.byField.dateOfBirth.parts).toEqual(['month']);
  });

  it('points the API’s messages about a date field at its first box', () => {
    const fromApi = {
      summary: [
        { text: 'Started at must not be in the future', href: '#startedAt' },
        { text: 'Outcome must be chosen', href: '#outcome' },
      ],
      byField: {},
    };
    expect(linkDateFields(fromApi, ['startedAt']).summary.map((entry) => entry.href)).toEqual(['#startedAt-day', '#outcome']);
  });
});
