import { AS_OF, LA_CHILD_ID, aCase, aChildRecord, anAssessment, rowsOf } from '../../../test/annex-a-builders';
import { LIST_4_ASSESSMENTS } from './list-4-assessments';

const list4 = (...assessments: ReturnType<typeof anAssessment>[]) =>
  rowsOf(LIST_4_ASSESSMENTS.build([aChildRecord({ cases: [aCase({ assessments })] })], AS_OF));

describe('Annex A list 4: assessments', () => {
  it('takes in assessments started or authorised in the six months, and those still open', () => {
    const rows = list4(
      anAssessment({ assessmentId: 'across', startedOn: '2025-04-20', authorisedOn: '2025-05-14' }),
      anAssessment({ assessmentId: 'open', startedOn: '2025-10-01', authorisedOn: null, outcome: null }),
    );
    expect(rows.map((row) => row['Continuous Assessment Start Date'])).toEqual(['2025-04-20', '2025-10-01']);
  });

  it('leaves out assessments authorised before the six months and those started after the reference day', () => {
    expect(
      list4(
        anAssessment({ assessmentId: 'old', startedOn: '2025-04-01', authorisedOn: '2025-05-13' }),
        anAssessment({ assessmentId: 'future', startedOn: '2025-11-17', authorisedOn: null, outcome: null }),
      ),
    ).toEqual([]);
  });

  it('fills the columns from the assessment and its outcome', () => {
    const [row] = list4(anAssessment());
    expect(row).toEqual({
      'Child Unique ID': LA_CHILD_ID,
      Gender: 'b) Female',
      Ethnicity: 'a) WBRI',
      'Date of Birth': '2015-03-14',
      'Age of Child (Years)': 10,
      'Does the Child have a Disability': 'b) No',
      'Continuous Assessment Start Date': '2025-06-03',
      'Child Seen During Continuous Assessment': null,
      'Continuous Assessment Date of Authorisation': '2025-07-01',
      "Was the child assessed as requiring LA children's social care support?": 'a) Yes',
      'Allocated Team': null,
      'Allocated Worker': null,
    });
  });

  it('answers "no" for early help or no further action, and nothing until the assessment is authorised', () => {
    const needs = (assessment: ReturnType<typeof anAssessment>) =>
      list4(assessment)[0]["Was the child assessed as requiring LA children's social care support?"];
    expect(needs(anAssessment({ outcome: 'STEP_DOWN_TO_EARLY_HELP' }))).toBe('b) No');
    expect(needs(anAssessment({ outcome: 'NO_FURTHER_ACTION' }))).toBe('b) No');
    expect(needs(anAssessment({ outcome: 'STRATEGY_DISCUSSION' }))).toBe('a) Yes');
    const afterTheDay = list4(anAssessment({ startedOn: '2025-11-01', authorisedOn: '2025-11-20' }))[0];
    expect([
      afterTheDay['Continuous Assessment Date of Authorisation'],
      afterTheDay["Was the child assessed as requiring LA children's social care support?"],
    ]).toEqual([null, null]);
  });

  it('says the child is disabled from a recorded disability, and leaves it empty when none was recorded', () => {
    const child = aChildRecord();
    const disability = (disabilities: typeof child.identity.disabilities) =>
      rowsOf(LIST_4_ASSESSMENTS.build([{ ...child, identity: { ...child.identity, disabilities } }], AS_OF))[0][
        'Does the Child have a Disability'
      ];
    expect(disability(['AUT', 'LD'])).toBe('a) Yes');
    expect(disability(null)).toBeNull();
  });
});
