import { addMonths, type CalendarDate } from '@csc/domain';
import type { ChildRecord, ConferenceRecord, Section47Record } from '../../child-records/domain/child-record';
import {
  allocatedColumns,
  childColumns,
  defineList,
  disabilityColumn,
  knownBy,
  sixMonthsBefore,
  wasOpenBetween,
  type AnnexAItem,
} from './annex-a-list';
import { yesNo } from './annex-a-values';

interface Enquiry extends AnnexAItem {
  enquiry: Section47Record;
}

const enquiriesOf = (child: ChildRecord): Section47Record[] => child.cases.flatMap((episode) => episode.section47s);

/** Initial conferences only: reviews of a plan are recorded on the plan, not as conferences. */
const conferencesBy = (child: ChildRecord, asOf: CalendarDate): ConferenceRecord[] =>
  child.cases.flatMap((episode) => episode.conferences).filter((conference) => conference.heldOn <= asOf);

const icpcOf = ({ child, asOf, enquiry }: Enquiry): ConferenceRecord | null =>
  conferencesBy(child, asOf)
    .filter((conference) => conference.section47Id === enquiry.section47Id)
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0))[0] ?? null;

/** Counted, like re-referrals, over the twelve months before this enquiry began, this one left out. */
const yearBefore = ({ enquiry }: Enquiry): [CalendarDate, CalendarDate] => [addMonths(enquiry.startedOn, -12), enquiry.startedOn];

const earlierEnquiries = (item: Enquiry): number => {
  const [from, to] = yearBefore(item);
  const isEarlier = (other: Section47Record) =>
    other.startedOn < to || (other.startedOn === to && other.section47Id < item.enquiry.section47Id);
  return enquiriesOf(item.child).filter((other) => other.startedOn >= from && isEarlier(other)).length;
};

const earlierConferences = (item: Enquiry): number => {
  const [from, to] = yearBefore(item);
  return conferencesBy(item.child, item.asOf).filter((conference) => conference.heldOn >= from && conference.heldOn < to).length;
};

/**
 * List 5: every Section 47 enquiry of the six months before the inspection, one row per enquiry,
 * the ones not yet concluded too, with the initial conference that followed. A conference held
 * without an enquiry has no row: the list is of enquiries.
 */
export const LIST_5_SECTION_47S = defineList<Enquiry>({
  number: 5,
  title: 'Section 47 enquiries and initial child protection conferences',
  sheetName: 'List 5 - Section 47s',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    return children.flatMap((child) =>
      enquiriesOf(child)
        .filter((enquiry) => wasOpenBetween(enquiry.startedOn, enquiry.concludedOn, from, asOf))
        .map((enquiry) => ({ child, asOf, enquiry })),
    );
  },
  sortDate: ({ enquiry }) => enquiry.startedOn,
  tiebreak: ({ enquiry }) => enquiry.section47Id,
  columns: [
    ...childColumns<Enquiry>(),
    disabilityColumn<Enquiry>(),
    // The enquiry is dated by the strategy discussion that decided on it.
    { heading: 'Strategy discussion initiating Section 47 Enquiry Start Date', value: ({ enquiry }) => enquiry.startedOn },
    {
      heading: 'Was an Initial Child Protection Conference deemed unnecessary?',
      value: ({ enquiry, asOf }) =>
        knownBy(enquiry.concludedOn, asOf) === null || enquiry.icpcRequired === null ? null : yesNo(!enquiry.icpcRequired),
    },
    { heading: 'Date of Initial Child Protection Conference', value: (item) => icpcOf(item)?.heldOn ?? null },
    {
      heading: 'Did the Initial Child Protection Conference Result in a Child Protection Plan',
      value: (item) => {
        const icpc = icpcOf(item);
        return icpc === null ? null : yesNo(icpc.childProtectionPlan);
      },
    },
    { heading: 'Number of Section 47 Enquiries in the last 12 months', value: earlierEnquiries },
    { heading: 'Number of ICPCs in the last 12 months', value: earlierConferences },
    ...allocatedColumns<Enquiry>(),
  ],
});
