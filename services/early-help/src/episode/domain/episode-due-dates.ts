import { addMonths, addWorkingDays } from '@csc/domain';
import type { EpisodeState } from './episode.state';

/**
 * What is due next in an early help episode. Early help is not statutory and docs/domain.md sets it no
 * timescales, so these are the local defaults, following its steps (assessment, plan, reviews) and
 * the statutory ones where there is a like: the early help assessment within the same 45 working
 * days as a social care assessment, counted from the day the episode opened; the plan within 20
 * working days of the assessment (about a month, so the team meets while the assessment is fresh);
 * the plan reviewed 3 months after it was agreed and then every 3 months after the last review (the
 * first CP review's interval; reviews in practice fall every six to ten weeks, inside it).
 * Nothing is due once the episode closes.
 */
export const EARLY_HELP_ASSESSMENT_WORKING_DAYS = 45;
export const EARLY_HELP_PLAN_WORKING_DAYS = 20;
export const EARLY_HELP_REVIEW_MONTHS = 3;

export type EpisodeDue = 'ASSESSMENT' | 'PLAN' | 'REVIEW';

export interface EpisodeDueDate {
  what: EpisodeDue;
  dueOn: string;
}

export const nextEpisodeDueOf = (state: EpisodeState): EpisodeDueDate | null => {
  if (!state.opened || state.closure) return null;
  if (!state.assessment) return { what: 'ASSESSMENT', dueOn: addWorkingDays(state.opened.openedOn, EARLY_HELP_ASSESSMENT_WORKING_DAYS) };
  if (!state.plan) return { what: 'PLAN', dueOn: addWorkingDays(state.assessment.completedOn, EARLY_HELP_PLAN_WORKING_DAYS) };
  const lastReview = [...state.reviews].sort().at(-1);
  return { what: 'REVIEW', dueOn: addMonths(lastReview ?? state.plan.agreedOn, EARLY_HELP_REVIEW_MONTHS) };
};

/** Overdue the day after the due date, as of `today` (England), as with a case's due dates. */
export const isEpisodeOverdue = (dueOn: string | null, today: string): boolean => dueOn !== null && today > dueOn;
