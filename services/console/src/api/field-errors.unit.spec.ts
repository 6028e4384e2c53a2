import { formErrorsFrom } from './field-errors';

describe("the API's messages as a form's errors", () => {
  const fields = { outcome: 'outcome', primaryNeed: 'primaryNeed', rationale: 'rationale' };

  it('puts each message by the field it names, and in the summary linked to that field', () => {
    const errors = formErrorsFrom(['rationale: should not be empty', 'primaryNeed: must be one of N1, N2'], fields, 'outcome');
    expect(errors.byField).toEqual({
      rationale: { text: 'Rationale should not be empty' },
      primaryNeed: { text: 'Primary need must be one of N1, N2' },
    });
    expect(errors.summary).toEqual([
      { text: 'Rationale should not be empty', href: '#rationale' },
      { text: 'Primary need must be one of N1, N2', href: '#primaryNeed' },
    ]);
  });

  it('keeps a message about no field of the form (a rule about the whole record) in the summary, linked to the first field', () => {
    const errors = formErrorsFrom(['referral: is already decided', 'body: is not valid JSON'], fields, 'outcome');
    expect(errors.byField).toEqual({});
    expect(errors.summary).toEqual([
      { text: 'Referral: is already decided', href: '#outcome' },
      { text: 'Body: is not valid JSON', href: '#outcome' },
    ]);
  });

  it('shows the first of two messages about one field by the field, and both in the summary', () => {
    const errors = formErrorsFrom(['rationale: should not be empty', 'rationale: must be a string'], fields, 'outcome');
    expect(errors.byField.rationale).toEqual({ text: 'Rationale should not be empty' });
    expect(errors.summary).toHaveLength(2);
  });
});

describe('a field named by its label', () => {
  it('uses the label given for a field whose id does not read well as words', () => {
    const errors = formErrorsFrom(['child.nhsNumber: must be a 10-digit NHS number'], { nhsNumber: 'child.nhsNumber' }, 'nhsNumber', {
      nhsNumber: 'NHS number',
    });
    expect(errors.byField.nhsNumber).toEqual({ text: 'NHS number must be a 10-digit NHS number' });
  });
});
