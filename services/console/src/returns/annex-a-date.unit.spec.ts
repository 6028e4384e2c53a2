import { formErrorsFrom } from '../api/field-errors';
import { ANNEX_A_FIELDS, ANNEX_A_LABELS, annexAChoiceFrom } from './annex-a-date';

const TODAY = '2026-11-30';

describe("the day Ofsted's Annex A is drawn up to", () => {
  it('is nothing asked until the form is sent', () => {
    expect(annexAChoiceFrom({}, TODAY)).toEqual({ asked: false });
  });

  it('is a real day up to today', () => {
    expect(annexAChoiceFrom({ asOf: ' 2026-03-31 ' }, TODAY)).toEqual({ asked: true, asOf: '2026-03-31' });
    expect(annexAChoiceFrom({ asOf: TODAY }, TODAY)).toEqual({ asked: true, asOf: TODAY });
  });

  it('refuses an empty field, a day that does not exist, another format and a day after today, each named by the field', () => {
    const problems = ['', '2026-02-30', '31/03/2026', '2026-3-1', '2026-12-01'].map((asOf) => annexAChoiceFrom({ asOf }, TODAY));
    expect(problems).toEqual([
      { asked: true, problem: 'asOf: must be given as YYYY-MM-DD, like 2026-03-31' },
      { asked: true, problem: 'asOf: must be a real date as YYYY-MM-DD' },
      { asked: true, problem: 'asOf: must be a real date as YYYY-MM-DD' },
      { asked: true, problem: 'asOf: must be a real date as YYYY-MM-DD' },
      { asked: true, problem: 'asOf: must be today or earlier' },
    ]);
    const refused = problems[1] as { problem: string };
    expect(formErrorsFrom([refused.problem], ANNEX_A_FIELDS, 'asOf', ANNEX_A_LABELS).byField).toEqual({
      asOf: { text: 'As of date must be a real date as YYYY-MM-DD' },
    });
  });
});
