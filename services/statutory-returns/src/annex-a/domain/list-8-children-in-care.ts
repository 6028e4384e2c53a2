import { addMonths } from '@csc/domain';
import type { CaseRecord, LookedAfterRecord } from '../../child-records/domain/child-record';
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
import { legalStatusValue, primaryNeedValue, reasonCeasedValue, yesNo } from './annex-a-values';

interface Period extends AnnexAItem {
  episode: CaseRecord;
  period: LookedAfterRecord;
}

/** Another, earlier period of care that was still running at some time in the twelve months before the inspection. */
const isSecondPeriodInYear = ({ child, asOf, period }: Period): boolean => {
  const from = addMonths(asOf, -12);
  return child.cases
    .flatMap((episode) => episode.lookedAfter)
    .some(
      (other) =>
        other.periodId !== period.periodId &&
        (other.startedOn < period.startedOn || (other.startedOn === period.startedOn && other.periodId < period.periodId)) &&
        wasOpenBetween(other.startedOn, other.endedOn, from, asOf),
    );
};

/**
 * List 8: every child in care at the inspection, and those who left care in the six months before it,
 * once each, by their latest period of care. The cases record when care began and ended, why it
 * ended and the legal status it began under; placements, reviews, visits, health checks and missing
 * episodes are kept by no service here, so their columns stay empty.
 */
export const LIST_8_CHILDREN_IN_CARE = defineList<Period>({
  number: 8,
  title: 'Children in care',
  sheetName: 'List 8 - Children in care',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    const periods = children.flatMap((child) =>
      child.cases.flatMap((episode) =>
        episode.lookedAfter
          .filter((period) => wasOpenBetween(period.startedOn, period.endedOn, from, asOf))
          .map((period) => ({ child, asOf, episode, period })),
      ),
    );
    return latestPerChild(
      periods,
      ({ period }) => period.startedOn,
      ({ period }) => period.periodId,
    );
  },
  sortDate: ({ period }) => period.startedOn,
  tiebreak: ({ period }) => period.periodId,
  columns: [
    ...childColumns<Period>(),
    { heading: 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)' },
    disabilityColumn<Period>(),
    { heading: 'Date Started to be Looked After', value: ({ period }) => period.startedOn },
    // The census's primary need and the SSDA903 category of need share their N1 to N9 codes.
    { heading: "Child's Category of Need", value: ({ episode }) => primaryNeedValue(episode.primaryNeed) },
    {
      heading: 'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)',
      value: (item) => yesNo(isSecondPeriodInYear(item)),
    },
    // The legal status is recorded once, on coming into care; a later change (an interim order made
    // final) is not, so when the current one began is not known.
    { heading: 'Start date of current legal status' },
    { heading: "Child's Legal Status", value: ({ period }) => legalStatusValue(period.legalStatus) },
    { heading: 'Date of Latest Statutory Review' },
    { heading: 'Date of Last Social Work Visit' },
    { heading: 'What is the permanence plan for this child?' },
    { heading: 'Date of Last IRO Visit / Contact to the Child' },
    { heading: 'Date of Last Health Assessment' },
    { heading: 'Date of Last Dental Check' },
    { heading: 'Number of Placements in the Last 12 months' },
    { heading: 'Date Ceased to be Looked After', value: ({ period, asOf }) => knownBy(period.endedOn, asOf) },
    {
      heading: 'Reason Ceased to be Looked After',
      value: ({ period, asOf }) =>
        knownBy(period.endedOn, asOf) === null || period.endReason === null ? null : reasonCeasedValue(period.endReason),
    },
    { heading: 'Start Date of Most Recent Placement' },
    { heading: 'Placement Type' },
    { heading: 'Placement Provider' },
    { heading: 'Placement postcode' },
    { heading: 'URN of Placement' },
    { heading: 'Placement Location' },
    { heading: 'LA of Placement' },
    { heading: "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months" },
    { heading: "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months" },
    { heading: 'Was the child offered a Return Interview after their last missing episode (Y/N)?' },
    { heading: 'Did the child accept a Return Interview after their last missing episode (Y/N)?' },
    ...allocatedColumns<Period>(),
  ],
});
