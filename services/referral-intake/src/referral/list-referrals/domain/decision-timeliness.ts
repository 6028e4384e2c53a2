import { addWorkingHours, workingHoursBetween } from '@csc/domain';

/**
 * Working Together to Safeguard Children (2023): within one working day of a referral the local
 * authority decides what response is needed. On the working-day clock (libs/domain), one working day
 * is 24 working hours: a referral received Friday 10:00 is due by Monday 10:00; one received on a
 * Saturday, by the end of Monday.
 */
export const DECISION_WITHIN_WORKING_HOURS = 24;

export interface DecisionTimeliness {
  /** When the decision is due. */
  decisionDue: string;
  /** Working hours from receipt to the decision, or to now while it waits (one decimal, rounded down). */
  workingHoursWaiting: number;
  /** Still waiting after it was due, or decided after it was due. */
  overdue: boolean;
}

export const decisionTimeliness = (receivedAt: Date, decidedAt: Date | null, now: Date): DecisionTimeliness => {
  const due = addWorkingHours(receivedAt, DECISION_WITHIN_WORKING_HOURS);
  const until = decidedAt ?? now;
  return {
    decisionDue: due.toISOString(),
    workingHoursWaiting: Math.floor(workingHoursBetween(receivedAt, until) * 10) / 10,
    overdue: until > due,
  };
};
