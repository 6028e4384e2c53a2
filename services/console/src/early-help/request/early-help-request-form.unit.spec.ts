import { earlyHelpRequestOf } from './early-help-request-form';

const born = { 'dateOfBirth-day': '1', 'dateOfBirth-month': '6', 'dateOfBirth-year': '2014' };

describe("a practitioner's request for early help as the API's body", () => {
  it('sends the child (optional fields left out when empty), the reason and the family’s consent as ticked', () => {
    expect(
      earlyHelpRequestOf({
        givenName: ' Amelia ',
        familyName: 'Example',
        ...born,
        sex: 'F',
        nhsNumber: '',
        postcode: 'FY1 4QS',
        schoolUrn: ' 100001 ',
        reason: ' Help with routines. ',
        consentGiven: 'yes',
      }),
    ).toEqual({
      body: {
        child: {
          givenName: 'Amelia',
          familyName: 'Example',
          dateOfBirth: '2014-06-01',
          sex: 'F',
          postcode: 'FY1 4QS',
          schoolUrn: '100001',
        },
        reason: 'Help with routines.',
        consent: { given: true },
      },
    });
  });

  it('sends consent unticked as not given, and required fields empty, for the API to name', () => {
    expect(earlyHelpRequestOf(born)).toEqual({
      body: { child: { givenName: '', familyName: '', dateOfBirth: '2014-06-01', sex: '' }, reason: '', consent: { given: false } },
    });
  });

  it('refuses a date of birth it cannot read before the API is asked', () => {
    expect(earlyHelpRequestOf({ ...born, 'dateOfBirth-day': '31', 'dateOfBirth-month': '2' })).toEqual({
      dateErrors: {
        summary: [{ text: 'Date of birth must be a real date', href: '#dateOfBirth-day' }],
        byField: { dateOfBirth: { text: 'Date of birth must be a real date' } },
      },
    });
  });
});
