import type { CaseOpenedV1, ChildCharacteristicsRecordedV1, ChildDetailsCorrection } from '@csc/contracts';
import * as rules from './domain/child-details-rules';
import { UNKNOWN_CHILD_DETAILS, type CaseState, type ChildDetails } from './domain/case.state';

/** `recordedOn` is today in England, given by the handler: the decider reads no clock. */
export type RecordChildCharacteristics = { type: 'RecordChildCharacteristics'; correction: ChildDetailsCorrection; recordedOn: string };

export type ChildCharacteristicsRecorded = { type: 'ChildCharacteristicsRecorded'; data: ChildCharacteristicsRecordedV1 };

/**
 * The child's census details on a case: recorded or corrected at any time, on a closed case too (the
 * census is corrected at year end), as long as the details they leave keep the census rules.
 */
export const decideChildDetails = (command: RecordChildCharacteristics, state: CaseState): ChildCharacteristicsRecorded[] => {
  if (!state.opened) throw new Error('case not opened'); // the handler answers 404 first
  const correction = givenFieldsOf(command.correction);
  const after = childDetailsAfter(state.child, correction);
  rules.bornNotInFuture_8520(correction, command.recordedOn);
  rules.birthOrExpectedBirth_8525Q(correction, after);
  rules.deathNotInFuture(correction, command.recordedOn);
  rules.deathNotBeforeBirth_8535Q(correction, after);
  rules.upnOrUnknownReason(correction, after);
  rules.disabilitiesKeepCensusRules_8790_8794(correction);
  return [
    {
      type: 'ChildCharacteristicsRecorded',
      data: { caseId: state.opened.caseId, childId: state.opened.childId, recordedOn: command.recordedOn, subject: correction },
    },
  ];
};

/** The details the referral gave, when the case opened. */
export const childDetailsAtOpening = (opened: CaseOpenedV1): ChildDetails => ({
  ...UNKNOWN_CHILD_DETAILS,
  sex: opened.child.sex,
  dateOfBirth: opened.subject.child.dateOfBirth ?? null,
  expectedDateOfBirth: opened.subject.child.expectedDateOfBirth ?? null,
  upn: opened.subject.child.upn ?? null,
});

/** Each field given replaces what was known (null clears it); a field left out is unchanged. */
export const childDetailsAfter = (details: ChildDetails, correction: ChildDetailsCorrection): ChildDetails => ({
  ...details,
  ...givenFieldsOf(correction),
});

const givenFieldsOf = (correction: ChildDetailsCorrection): ChildDetailsCorrection =>
  Object.fromEntries(Object.entries(correction).filter(([, value]) => value !== undefined));
