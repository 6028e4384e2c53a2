import type { CaseRecord } from '../../child-records/domain/child-record';
import {
  allocatedColumns,
  childColumns,
  defineList,
  disabilityColumn,
  isOpenOn,
  knownBy,
  latestPerChild,
  sixMonthsBefore,
  wasOpenBetween,
  type AnnexAItem,
} from './annex-a-list';
import { primaryNeedValue, reasonForClosureValue } from './annex-a-values';

interface Episode extends AnnexAItem {
  episode: CaseRecord;
}

/** The furthest the child's work had gone on the day: looked after outranks a plan, a plan an assessment. */
const caseStatus = ({ episode, asOf }: Episode): string | null => {
  if (knownBy(episode.closedOn, asOf) !== null) return 'e) Closed episode';
  if (episode.lookedAfter.some((period) => isOpenOn(period.startedOn, period.endedOn, asOf))) return 'a) Looked after child';
  if (episode.cpPlans.some((plan) => isOpenOn(plan.startedOn, plan.endedOn, asOf))) return 'b) Child Protection plan';
  if (episode.cinPlans.some((plan) => isOpenOn(plan.startedOn, plan.endedOn, asOf))) return 'c) Child in need plan';
  if (episode.assessments.some((assessment) => isOpenOn(assessment.startedOn, assessment.authorisedOn, asOf))) return 'd) Open assessment';
  // Open, yet between the template's stages (an enquiry under way, a plan not yet made): no choice fits.
  return null;
};

/**
 * List 6: every child in need at the inspection or at any time in the six months before, once each,
 * by their latest episode (case). A referral closed with no further action opens no case, so children
 * who were only referred are left out, as the list asks.
 */
export const LIST_6_CHILDREN_IN_NEED = defineList<Episode>({
  number: 6,
  title: 'Children in need',
  sheetName: 'List 6 - Children in need',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    const episodes = children.flatMap((child) =>
      child.cases
        .filter((episode) => wasOpenBetween(episode.referralDate, episode.closedOn, from, asOf))
        .map((episode) => ({ child, asOf, episode })),
    );
    return latestPerChild(
      episodes,
      ({ episode }) => episode.referralDate,
      ({ episode }) => episode.caseId,
    );
  },
  sortDate: ({ episode }) => episode.referralDate,
  tiebreak: ({ episode }) => episode.caseId,
  columns: [
    ...childColumns<Episode>(),
    disabilityColumn<Episode>(),
    { heading: 'CIN Start Date', value: ({ episode }) => episode.referralDate },
    { heading: 'Primary Need Code', value: ({ episode }) => primaryNeedValue(episode.primaryNeed) },
    // Visits are not recorded.
    { heading: 'Date Child Was Last Seen' },
    { heading: 'CIN Closure Date', value: ({ episode, asOf }) => knownBy(episode.closedOn, asOf) },
    {
      heading: 'Reason for Closure',
      value: ({ episode, asOf }) =>
        knownBy(episode.closedOn, asOf) === null || episode.closureReason === null ? null : reasonForClosureValue(episode.closureReason),
    },
    { heading: 'Case Status', value: caseStatus },
    ...allocatedColumns<Episode>(),
  ],
});
