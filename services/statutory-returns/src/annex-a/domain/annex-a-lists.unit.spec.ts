import {
  AS_OF,
  aCase,
  aChildRecord,
  aConference,
  aCpPlan,
  aLookedAfterPeriod,
  aSection47,
  anEarlyHelpEpisode,
  anotherChild,
} from '../../../test/annex-a-builders';
import { ANNEX_A_LISTS, ANNEX_A_UNFILLED_COLUMNS, annexALists } from './annex-a-lists';

/** A child on every list at once. */
const everywhere = aChildRecord({
  cases: [
    aCase({
      section47s: [aSection47()],
      conferences: [aConference()],
      cpPlans: [aCpPlan()],
      lookedAfter: [aLookedAfterPeriod()],
    }),
  ],
  earlyHelp: [anEarlyHelpEpisode()],
});

describe('annexALists', () => {
  it('draws up lists 1 to 8, each on its own sheet, with a name Excel accepts', () => {
    const lists = annexALists([everywhere], AS_OF);
    expect(lists.map((list) => [list.number, list.sheetName])).toEqual([
      [1, 'List 1 - Contacts'],
      [2, 'List 2 - Early help'],
      [3, 'List 3 - Referrals'],
      [4, 'List 4 - Assessments'],
      [5, 'List 5 - Section 47s'],
      [6, 'List 6 - Children in need'],
      [7, 'List 7 - Child protection'],
      [8, 'List 8 - Children in care'],
    ]);
    for (const list of lists) {
      expect(list.sheetName.length).toBeLessThanOrEqual(31);
      expect(list.sheetName).not.toMatch(/[[\]:*?/\\]/);
      expect(list.rows).toHaveLength(1);
      expect(list.rows[0]).toHaveLength(list.columns.length);
      expect(list.columns[0]).toBe('Child Unique ID');
    }
  });

  it('keeps every unfilled column in its sheet, empty, even for a child whose record has everything', () => {
    for (const list of annexALists([everywhere], AS_OF)) {
      for (const heading of ANNEX_A_UNFILLED_COLUMNS[list.number]) {
        const column = list.columns.indexOf(heading);
        expect(column).toBeGreaterThanOrEqual(0);
        expect(list.rows[0][column]).toBeNull();
      }
    }
  });

  it('names the columns no service records, list by list', () => {
    expect(ANNEX_A_UNFILLED_COLUMNS[1]).toEqual([]);
    expect(ANNEX_A_UNFILLED_COLUMNS[2]).toEqual(['Organisation completing assessment']);
    expect(ANNEX_A_UNFILLED_COLUMNS[3]).toEqual(['Allocated Team', 'Allocated Worker']);
    expect(ANNEX_A_UNFILLED_COLUMNS[4]).toEqual(['Child Seen During Continuous Assessment', 'Allocated Team', 'Allocated Worker']);
    expect(ANNEX_A_UNFILLED_COLUMNS[6]).toContain('Date Child Was Last Seen');
    expect(ANNEX_A_UNFILLED_COLUMNS[8]).toContain('Placement Type');
    expect(ANNEX_A_UNFILLED_COLUMNS[8]).not.toContain("Child's Legal Status");
    expect(Object.keys(ANNEX_A_UNFILLED_COLUMNS).map(Number)).toEqual(ANNEX_A_LISTS.map((list) => list.number));
  });

  it('gives the same lists for the same records, in whatever order they come', () => {
    const children = [everywhere, anotherChild(7), anotherChild(3, { earlyHelp: [anEarlyHelpEpisode()] })];
    expect(annexALists([...children].reverse(), AS_OF)).toEqual(annexALists(children, AS_OF));
  });

  it('puts no internal id in any cell: children appear by their short LA id only', () => {
    const cells = annexALists([everywhere], AS_OF).flatMap((list) => list.rows.flat());
    expect(cells).toContain('3F2A9C1E7B4D4E8A9C0F');
    expect(cells).not.toContain(everywhere.childId);
    expect(cells.filter((cell) => typeof cell === 'string' && /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(cell))).toEqual([]);
  });
});
