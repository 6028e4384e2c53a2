import { OUTCOME_AREAS, type EarlyHelpOutcome, type EpisodeOrigin, type OutcomeArea } from '@csc/contracts';
import { londonDateOf, somethingRecorded, type DescribableEvent, type EventDescriber } from '@csc/domain';
import type { EpisodeEvent } from '../episode.decider';

const ORIGINS: Record<EpisodeOrigin, string> = {
  REFERRAL_STEP_DOWN: 'stepped down by the front door',
  ASSESSMENT_STEP_DOWN: 'stepped down after a social care assessment',
  CASE_CLOSED_RC9: 'a social care case closed RC9, referred to early help',
  DIRECT_REQUEST: 'asked for directly',
};

const ENDINGS: Record<EarlyHelpOutcome, string> = {
  GRADUATED: 'graduated',
  LEFT_WITHOUT_GRADUATING: 'left without graduating',
  NOT_PROGRESSED: 'did not progress onto support',
  STEPPED_UP: "stepped up to children's social care",
  MOVED_AWAY: 'moved away',
};

const areas = (codes: readonly string[]) =>
  codes.map((code) => (Object.hasOwn(OUTCOME_AREAS, code) ? OUTCOME_AREAS[code as OutcomeArea].toLowerCase() : code)).join('; ');
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * An episode's history for the practitioners who may read it: origin, areas of need, ladder scores,
 * dates and the ending. The reason, the goals and the practitioners' names are free text or names:
 * a sentence counts them or says they were recorded.
 */
export const describeEpisodeEvent: EventDescriber<EpisodeEvent> = (event) => {
  switch (event.type) {
    case 'EarlyHelpEpisodeOpened':
      return `Early help episode opened on ${event.data.openedOn} (${ORIGINS[event.data.origin]}; ${event.data.consentGiven ? "the family's consent given" : 'without consent'})`;
    case 'EarlyHelpAssessmentCompleted':
      return `Early help assessment completed on ${event.data.completedOn}; needs: ${areas(event.data.needs)}`;
    case 'TeamAroundTheFamilyFormed':
      return `Team around the family formed on ${event.data.formedOn} (lead practitioner and ${plural(event.data.memberCount, 'member')} recorded)`;
    case 'EarlyHelpPlanAgreed':
      return `Early help plan agreed on ${event.data.agreedOn} with ${plural(event.data.goalCount, 'goal')}`;
    case 'OutcomesLadderScored': {
      const scores = Object.entries(event.data.scores).map(([area, score]) => `${areas([area])} ${score}`);
      return `Outcomes ladder scored on ${event.data.scoredOn} (out of 10): ${scores.join('; ')}`;
    }
    case 'EarlyHelpReviewed':
      return `Early help reviewed on ${event.data.heldOn}`;
    case 'EarlyHelpSteppedUp':
      return `Stepped up to children's social care on ${londonDateOf(new Date(event.data.steppedUpAt))} (reason recorded)`;
    case 'EarlyHelpEpisodeClosed':
      return `Early help ended on ${event.data.closedOn}: ${ENDINGS[event.data.outcome]}`;
    default:
      return somethingRecorded((event as DescribableEvent).type);
  }
};

/**
 * What the school that asked for the episode may know: its stages (opened, assessed, team formed,
 * plan agreed, ended and how), as its single read shows them. Not the needs, the ladder, the reviews,
 * the people or the plan's goals; nothing of an event it does not know.
 */
export const describeEpisodeEventForSchool: EventDescriber<EpisodeEvent> = (event) => {
  switch (event.type) {
    case 'EarlyHelpEpisodeOpened':
      return `Early help episode opened on ${event.data.openedOn}`;
    case 'EarlyHelpAssessmentCompleted':
      return `Early help assessment completed on ${event.data.completedOn}`;
    case 'TeamAroundTheFamilyFormed':
      return `Team around the family formed on ${event.data.formedOn}`;
    case 'EarlyHelpPlanAgreed':
      return `Early help plan agreed on ${event.data.agreedOn}`;
    case 'EarlyHelpEpisodeClosed':
      return `Early help ended on ${event.data.closedOn}: ${ENDINGS[event.data.outcome]}`;
    default:
      return null;
  }
};
