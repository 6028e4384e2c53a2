import type { AssessmentOutcome } from '@csc/contracts';
import type { AssessmentRecord } from '../../child-records/domain/child-record';
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

interface Assessment extends AnnexAItem {
  assessment: AssessmentRecord;
}

/** Early help is not children's social care support; a strategy discussion is the start of it. */
const NEEDS_SOCIAL_CARE: Record<AssessmentOutcome, boolean> = {
  CHILD_IN_NEED: true,
  STRATEGY_DISCUSSION: true,
  NO_FURTHER_ACTION: false,
  STEP_DOWN_TO_EARLY_HELP: false,
};

/**
 * List 4: the assessments of the six months before the inspection: those started in it, those
 * authorised in it, and those still open, so an assessment that ran across the start of the period
 * is not lost.
 */
export const LIST_4_ASSESSMENTS = defineList<Assessment>({
  number: 4,
  title: 'Assessments',
  sheetName: 'List 4 - Assessments',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    return children.flatMap((child) =>
      child.cases
        .flatMap((episode) => episode.assessments)
        .filter((assessment) => wasOpenBetween(assessment.startedOn, assessment.authorisedOn, from, asOf))
        .map((assessment) => ({ child, asOf, assessment })),
    );
  },
  sortDate: ({ assessment }) => assessment.startedOn,
  tiebreak: ({ assessment }) => assessment.assessmentId,
  columns: [
    ...childColumns<Assessment>(),
    disabilityColumn<Assessment>(),
    { heading: 'Continuous Assessment Start Date', value: ({ assessment }) => assessment.startedOn },
    // Visits are not recorded, so whether the child was seen is not known.
    { heading: 'Child Seen During Continuous Assessment' },
    { heading: 'Continuous Assessment Date of Authorisation', value: ({ assessment, asOf }) => knownBy(assessment.authorisedOn, asOf) },
    {
      heading: "Was the child assessed as requiring LA children's social care support?",
      value: ({ assessment, asOf }) =>
        knownBy(assessment.authorisedOn, asOf) === null || assessment.outcome === null
          ? null
          : yesNo(NEEDS_SOCIAL_CARE[assessment.outcome]),
    },
    ...allocatedColumns<Assessment>(),
  ],
});
