import { childCharacteristicsForm, childCharacteristicsValues, type ChildCharacteristics } from './child-characteristics.forms';

const known: ChildCharacteristics = { sex: 'F', dateOfBirth: '2014-06-01', upn: 'A201300012001', ethnicity: 'NOBT' };
const read = (posted: Record<string, unknown>) => childCharacteristicsForm(known).read(posted);

describe("the child's census details form", () => {
  it('shows the details as known, dates as their parts', () => {
    expect(childCharacteristicsValues(known)).toEqual({
      sex: 'F',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2014',
      upn: 'A201300012001',
      formerUpn: '',
      upnUnknownReason: '',
      ethnicity: 'NOBT',
      disabilities: [],
    });
  });

  it('sends only what changed: a new value, and null for one emptied', () => {
    const posted = { ...childCharacteristicsValues(known), ethnicity: 'WBRI', upn: '', upnUnknownReason: 'UN5', disabilities: 'NONE' };
    expect(read(posted)).toEqual({ body: { upn: null, upnUnknownReason: 'UN5', ethnicity: 'WBRI', disabilities: ['NONE'] } });
  });

  it('sends nothing when nothing changed (the API then says what it needs)', () => {
    expect(read(childCharacteristicsValues(known))).toEqual({ body: {} });
  });

  it('reads a new date of death, and refuses a date that is not one by its field', () => {
    expect(
      read({ ...childCharacteristicsValues(known), 'dateOfDeath-day': '2', 'dateOfDeath-month': '3', 'dateOfDeath-year': '2025' }),
    ).toEqual({
      body: { dateOfDeath: '2025-03-02' },
    });
    expect(
      read({ ...childCharacteristicsValues(known), 'dateOfDeath-day': '2', 'dateOfDeath-month': '13', 'dateOfDeath-year': '2025' }),
    ).toEqual({
      errors: { dateOfDeath: { text: 'Date of death must be a real date', parts: ['month'] } },
    });
  });
});
