import { latestOf } from './case-steps';
import type { KnownChild } from './local-authority';
import type { SeededRandom } from './seeded-random';
import type { NewEvent } from './simulation';
import { addDays } from './working-calendar';

/**
 * An unborn child's birth, as the social worker records it on the case (ChildCharacteristicsRecorded):
 * sex and date of birth in place of the expected date (census rules 8525Q, 8750), and the ethnicity
 * now obtained. Without it a census would show a child born months before as still expected (8530Q).
 * Once per child: the first case to know of the birth records it, within days of it, even if the case
 * has closed by then (the contract allows that). Null when there is nothing to record.
 */
export const birthRecord = (
  random: SeededRandom,
  child: KnownChild,
  caseId: string,
  notBefore: string,
): { recordedOn: string; event: NewEvent } | null => {
  const { person } = child;
  const { bornOn, sexAtBirth, ethnicity } = person.census;
  if (!person.unborn || !bornOn || !sexAtBirth || child.birthRecorded) return null;
  child.birthRecorded = true;
  const recordedOn = latestOf(addDays(bornOn, random.int(1, 10)), notBefore);
  return {
    recordedOn,
    event: {
      type: 'ChildCharacteristicsRecorded',
      data: {
        caseId,
        childId: child.childId,
        recordedOn,
        subject: { sex: sexAtBirth, dateOfBirth: bornOn, expectedDateOfBirth: null, ethnicity },
      },
    },
  };
};
