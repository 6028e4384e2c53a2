import type { CasePageState } from '../case-page';
import { childNameOf } from '../case-page';
import { caseReference, type CaseRead } from '../case-read';
import {
  childCharacteristicsValues,
  DISABILITY_ITEMS,
  ETHNICITY_ITEMS,
  SEX_ITEMS,
  UPN_UNKNOWN_REASON_ITEMS,
} from './child-characteristics.forms';

/** The child's details page: the form filled in with what is known, or as posted when the API refused it. */
export const childCharacteristicsPage = (read: CaseRead, state: CasePageState) => {
  const shown = state.forms?.childCharacteristics;
  const errors = shown?.errors;
  const childName = childNameOf(read);
  return {
    pageTitle: `${errors?.summary.length || state.conflict ? 'Error: ' : ''}Census details: ${childName}`,
    caseId: read.caseId,
    reference: caseReference(read.caseId),
    childName,
    values: shown?.values ?? childCharacteristicsValues(read.child),
    fieldErrors: errors?.byField ?? {},
    errorSummary: errors?.summary ?? [],
    conflict: state.conflict,
    formVersion: state.formVersion,
    items: { sexes: SEX_ITEMS, ethnicities: ETHNICITY_ITEMS, upnUnknownReasons: UPN_UNKNOWN_REASON_ITEMS, disabilities: DISABILITY_ITEMS },
  };
};
