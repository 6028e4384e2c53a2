import { addDays, isWorkingDay, type CalendarDate } from '@csc/domain';
import type { CinDetails, CollectionYear } from '../census-return';

/** The DfE's [Period_of_Census]: 1 April to the reference date, both days included. */
export const isInCensusYear = (date: CalendarDate, year: CollectionYear): boolean => date >= year.start && date <= year.end;

/**
 * The Nth working day before `date`, counted as addWorkingDays counts forwards (`date` is day 0),
 * so that "started more than 45 working days before the reference date" agrees with the
 * 45-working-day assessment timescale the rest of the system uses.
 */
export const workingDaysBefore = (date: CalendarDate, workingDays: number): CalendarDate => {
  let day = date;
  for (let counted = 0; counted < workingDays;) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
};

/** A dated piece of work recorded in an episode, named by its census element. */
export interface DatedActivity {
  field: string;
  date: CalendarDate;
}

/**
 * The dates rule 8565 holds against the closure date, as the DfE lists them: a CP plan's start is
 * not among them (the plan's end is), nor are review dates.
 */
export const activityDatesOf = (episode: CinDetails): DatedActivity[] => {
  const dated = (field: string, date: CalendarDate | null): DatedActivity[] => (date ? [{ field, date }] : []);
  return [
    ...episode.assessments.flatMap((assessment) => [
      ...dated('AssessmentActualStartDate', assessment.startDate),
      ...dated('AssessmentAuthorisationDate', assessment.authorisationDate),
    ]),
    ...episode.section47s.flatMap((enquiry) => [
      ...dated('S47ActualStartDate', enquiry.startDate),
      ...dated('DateOfInitialCPC', enquiry.dateOfInitialCpc),
    ]),
    ...dated('DateOfInitialCPC', episode.dateOfInitialCpc),
    ...episode.cpPlans.flatMap((plan) => dated('CPPendDate', plan.endDate)),
    ...episode.cinPlans.flatMap((plan) => [...dated('CINPlanStartDate', plan.startDate), ...dated('CINPlanEndDate', plan.endDate)]),
  ];
};
