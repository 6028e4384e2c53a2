import type { ChildProtectionPlanRecord, ChildRecord } from '../../child-records/domain/child-record';
import {
  allocatedColumns,
  childColumns,
  defineList,
  disabilityColumn,
  knownBy,
  latestPerChild,
  sixMonthsBefore,
  wasOpenBetween,
  type AnnexAItem,
} from './annex-a-list';
import { categoryValue } from './annex-a-values';

interface Plan extends AnnexAItem {
  plan: ChildProtectionPlanRecord;
}

const plansOf = (child: ChildRecord): ChildProtectionPlanRecord[] => child.cases.flatMap((episode) => episode.cpPlans);

const reviewsBy = ({ plan, asOf }: Plan) =>
  plan.reviews.filter((review) => review.heldOn <= asOf).sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));

/** The category on the day: the one the last review by then left the plan under, or the initial one before any. */
const latestCategory = (item: Plan): string | null => categoryValue(reviewsBy(item).at(-1)?.latestCategory ?? item.plan.initialCategory);

/**
 * List 7: every child on a child protection plan at the inspection, and those whose plan ended in the
 * six months before it, once each, by their latest plan.
 */
export const LIST_7_CHILD_PROTECTION = defineList<Plan>({
  number: 7,
  title: 'Child protection',
  sheetName: 'List 7 - Child protection',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    const plans = children.flatMap((child) =>
      plansOf(child)
        .filter((plan) => wasOpenBetween(plan.startedOn, plan.endedOn, from, asOf))
        .map((plan) => ({ child, asOf, plan })),
    );
    return latestPerChild(
      plans,
      ({ plan }) => plan.startedOn,
      ({ plan }) => plan.planId,
    );
  },
  sortDate: ({ plan }) => plan.startedOn,
  tiebreak: ({ plan }) => plan.planId,
  columns: [
    ...childColumns<Plan>(),
    disabilityColumn<Plan>(),
    { heading: 'Child Protection Plan Start Date', value: ({ plan }) => plan.startedOn },
    { heading: 'Initial Category of Abuse', value: ({ plan }) => categoryValue(plan.initialCategory) },
    { heading: 'Latest Category of Abuse', value: latestCategory },
    // Visits are not recorded.
    { heading: 'Date of the Last Statutory Visit' },
    { heading: 'Was the Child Seen Alone?' },
    { heading: 'Date of latest review conference', value: (item) => reviewsBy(item).at(-1)?.heldOn ?? null },
    { heading: 'Child Protection Plan End Date', value: ({ plan, asOf }) => knownBy(plan.endedOn, asOf) },
    // Emergency protection orders and police protection are recorded only if the child came into care
    // under one; "No" from the records would be a guess, so the column stays empty.
    { heading: 'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)' },
    {
      heading: 'Number of Previous Child Protection Plans',
      value: ({ child, plan }) =>
        plansOf(child).filter(
          (other) => other.startedOn < plan.startedOn || (other.startedOn === plan.startedOn && other.planId < plan.planId),
        ).length,
    },
    ...allocatedColumns<Plan>(),
  ],
});
