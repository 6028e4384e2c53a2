import { addMonths } from '@csc/domain';

/**
 * How long a child's record is kept after the last thing about them closed. Children in need:
 * until the 25th birthday; a child who was ever looked after: until the 75th (the statutory
 * minimum for care records); never less than `yearsAfterLastClosure` after the last closure.
 */
export interface RetentionPolicy {
  untilAge: number;
  untilAgeIfLookedAfter: number;
  yearsAfterLastClosure: number;
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { untilAge: 25, untilAgeIfLookedAfter: 75, yearsAfterLastClosure: 0 };

export interface ChildRecordsSummary {
  /** The earliest date of birth any referral gave (an unknown one keeps the record). */
  dateOfBirth: string | null;
  lastClosedOn: string | null;
  openRecords: number;
  everLookedAfter: boolean;
}

/** The last day the child's personal data is kept (erased the day after), or null while something is open or a date is missing. */
export const retainUntil = (child: ChildRecordsSummary, policy: RetentionPolicy): string | null => {
  if (child.openRecords > 0 || !child.dateOfBirth || !child.lastClosedOn) return null;
  const age = child.everLookedAfter ? policy.untilAgeIfLookedAfter : policy.untilAge;
  const byAge = addMonths(child.dateOfBirth, age * 12);
  const byClosure = addMonths(child.lastClosedOn, policy.yearsAfterLastClosure * 12);
  return byAge > byClosure ? byAge : byClosure;
};

export const isDue = (child: ChildRecordsSummary, policy: RetentionPolicy, asOf: string): boolean => {
  const until = retainUntil(child, policy);
  return until !== null && until < asOf;
};
