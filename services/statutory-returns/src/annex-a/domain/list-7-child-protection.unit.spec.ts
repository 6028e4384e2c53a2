import { AS_OF, aCase, aChildRecord, aCpPlan, rowsOf } from '../../../test/annex-a-builders';
import { LIST_7_CHILD_PROTECTION } from './list-7-child-protection';

type Plan = ReturnType<typeof aCpPlan>;
const list7 = (...plans: Plan[]) => rowsOf(LIST_7_CHILD_PROTECTION.build([aChildRecord({ cases: [aCase({ cpPlans: plans })] })], AS_OF));

describe('Annex A list 7: child protection', () => {
  it('takes in children on a plan now and those whose plan ended in the six months, once each', () => {
    expect(list7(aCpPlan({ endedOn: '2025-05-14' })).map((row) => row['Child Protection Plan End Date'])).toEqual(['2025-05-14']);
    const rows = list7(
      aCpPlan({ planId: 'old', startedOn: '2024-06-01', endedOn: '2025-06-01' }),
      aCpPlan({ planId: 'now', startedOn: '2025-09-01', reviews: [] }),
    );
    expect(rows.map((row) => [row['Child Protection Plan Start Date'], row['Number of Previous Child Protection Plans']])).toEqual([
      ['2025-09-01', 1],
    ]);
  });

  it('leaves out plans ended before the six months and plans begun after the reference day', () => {
    expect(list7(aCpPlan({ planId: 'ended', endedOn: '2025-05-13' }), aCpPlan({ planId: 'future', startedOn: '2025-11-20' }))).toEqual([]);
  });

  it('fills the categories, the latest review and the end of the plan', () => {
    const [row] = list7(
      aCpPlan({
        reviews: [
          { heldOn: '2025-09-24', latestCategory: 'EMO' },
          { heldOn: '2025-07-01', latestCategory: 'PHY' },
        ],
        endedOn: '2025-10-30',
      }),
    );
    expect(row).toMatchObject({
      'Does the Child have a Disability': 'b) No',
      'Child Protection Plan Start Date': '2025-06-25',
      'Initial Category of Abuse': 'a) Neglect',
      'Latest Category of Abuse': 'd) Emotional abuse',
      'Date of the Last Statutory Visit': null,
      'Was the Child Seen Alone?': null,
      'Date of latest review conference': '2025-09-24',
      'Child Protection Plan End Date': '2025-10-30',
      'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)': null,
      'Number of Previous Child Protection Plans': 0,
    });
  });

  it('gives the category the reference day knew: the initial one before any review, then the last review by the day', () => {
    const [beforeReview] = list7(aCpPlan({ reviews: [{ heldOn: '2025-12-01', latestCategory: 'EMO' }] }));
    expect([beforeReview['Latest Category of Abuse'], beforeReview['Date of latest review conference']]).toEqual(['a) Neglect', null]);
    const [between] = list7(
      aCpPlan({
        reviews: [
          { heldOn: '2025-09-24', latestCategory: 'PHY' },
          { heldOn: '2025-12-01', latestCategory: 'EMO' },
        ],
      }),
    );
    expect([between['Latest Category of Abuse'], between['Date of latest review conference']]).toEqual(['b) Physical abuse', '2025-09-24']);
  });
});
