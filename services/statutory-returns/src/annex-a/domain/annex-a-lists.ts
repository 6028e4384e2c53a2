import type { CalendarDate } from '@csc/domain';
import type { ChildRecord } from '../../child-records/domain/child-record';
import type { AnnexAList, AnnexAListDefinition } from './annex-a-list';
import { LIST_1_CONTACTS } from './list-1-contacts';
import { LIST_2_EARLY_HELP } from './list-2-early-help';
import { LIST_3_REFERRALS } from './list-3-referrals';
import { LIST_4_ASSESSMENTS } from './list-4-assessments';
import { LIST_5_SECTION_47S } from './list-5-section-47s';
import { LIST_6_CHILDREN_IN_NEED } from './list-6-children-in-need';
import { LIST_7_CHILD_PROTECTION } from './list-7-child-protection';
import { LIST_8_CHILDREN_IN_CARE } from './list-8-children-in-care';

export type { AnnexACell, AnnexAList } from './annex-a-list';

/**
 * The Annex A lists this system can draw up (Ofsted's ILACS data request, lists 1 to 8). Care leavers
 * (9) and adoption (10, 11) are not recorded here, so they are not offered half-empty.
 */
export const ANNEX_A_LISTS: readonly AnnexAListDefinition[] = [
  LIST_1_CONTACTS,
  LIST_2_EARLY_HELP,
  LIST_3_REFERRALS,
  LIST_4_ASSESSMENTS,
  LIST_5_SECTION_47S,
  LIST_6_CHILDREN_IN_NEED,
  LIST_7_CHILD_PROTECTION,
  LIST_8_CHILDREN_IN_CARE,
];

/**
 * Per list number, the headings that stay empty because no service records what they ask: the
 * README shows them so a council knows what to add by hand before sending the workbook.
 */
export const ANNEX_A_UNFILLED_COLUMNS: Readonly<Record<number, readonly string[]>> = Object.fromEntries(
  ANNEX_A_LISTS.map((list) => [list.number, list.unfilledColumns]),
);

/** Every list as of the inspection's reference day (`asOf`, usually the day Ofsted asks). */
export const annexALists = (children: ChildRecord[], asOf: CalendarDate): AnnexAList[] =>
  ANNEX_A_LISTS.map((list) => list.build(children, asOf));
