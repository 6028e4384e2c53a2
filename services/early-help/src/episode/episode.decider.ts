import {
  isOutcomeArea,
  LADDER_MAX,
  LADDER_MIN,
  type EarlyHelpAssessmentCompletedV1,
  type EarlyHelpEpisodeClosedV1,
  type EarlyHelpEpisodeOpenedV1,
  type EarlyHelpOutcome,
  type EarlyHelpPlanAgreedV1,
  type EarlyHelpReviewedV1,
  type EarlyHelpSteppedUpV1,
  type OutcomeArea,
  type OutcomesLadderScoredV1,
  type TeamAroundTheFamilyFormedV1,
} from '@csc/contracts';
import { DomainRuleViolation, StateConflict } from '@csc/domain';
import { initialEpisodeState, type EpisodeState } from './domain/episode.state';

export type EpisodeEvent =
  | { type: 'EarlyHelpEpisodeOpened'; data: EarlyHelpEpisodeOpenedV1 }
  | { type: 'EarlyHelpAssessmentCompleted'; data: EarlyHelpAssessmentCompletedV1 }
  | { type: 'TeamAroundTheFamilyFormed'; data: TeamAroundTheFamilyFormedV1 }
  | { type: 'EarlyHelpPlanAgreed'; data: EarlyHelpPlanAgreedV1 }
  | { type: 'OutcomesLadderScored'; data: OutcomesLadderScoredV1 }
  | { type: 'EarlyHelpReviewed'; data: EarlyHelpReviewedV1 }
  | { type: 'EarlyHelpSteppedUp'; data: EarlyHelpSteppedUpV1 }
  | { type: 'EarlyHelpEpisodeClosed'; data: EarlyHelpEpisodeClosedV1 };

export type EpisodeCommand =
  | { type: 'OpenEpisode'; opened: EarlyHelpEpisodeOpenedV1 }
  | { type: 'CompleteAssessment'; completedOn: string; needs: string[] }
  | { type: 'FormTeam'; formedOn: string; leadPractitioner: string; members: string[] }
  | { type: 'AgreePlan'; agreedOn: string; goals: string[] }
  | { type: 'ScoreOutcomesLadder'; scoredOn: string; scores: Record<string, number> }
  | { type: 'Review'; heldOn: string }
  | { type: 'StepUp'; on: string; steppedUpAt: string; reason: string }
  | { type: 'Close'; closedOn: string; outcome: EarlyHelpOutcome };

/** An early help episode: assessed, a team around the family, a plan, the outcomes ladder, reviews, and an ending. */
export const decide = (command: EpisodeCommand, state: EpisodeState): EpisodeEvent[] => {
  if (command.type === 'OpenEpisode') {
    if (state.status !== 'NONE') throw new StateConflict('episodeId', 'the episode is already open');
    return [{ type: 'EarlyHelpEpisodeOpened', data: command.opened }];
  }
  const opened = episodeIsOpen(state);
  const episodeId = opened.episodeId;
  switch (command.type) {
    case 'CompleteAssessment': {
      notBeforeOpening(opened, 'completedOn', command.completedOn);
      if (state.assessment) throw new StateConflict('completedOn', 'the early help assessment is already completed');
      return [
        {
          type: 'EarlyHelpAssessmentCompleted',
          data: { episodeId, completedOn: command.completedOn, needs: knownAreas('needs', command.needs) },
        },
      ];
    }
    case 'FormTeam':
      notBeforeOpening(opened, 'formedOn', command.formedOn);
      return [
        {
          type: 'TeamAroundTheFamilyFormed',
          data: {
            episodeId,
            formedOn: command.formedOn,
            memberCount: command.members.length,
            subject: { leadPractitioner: command.leadPractitioner, members: command.members },
          },
        },
      ];
    case 'AgreePlan':
      if (!state.assessment)
        throw new DomainRuleViolation('agreedOn', 'plan-after-assessment', 'a plan is agreed after the early help assessment');
      if (command.agreedOn < state.assessment.completedOn)
        throw new DomainRuleViolation(
          'agreedOn',
          'plan-after-assessment',
          `cannot be before the assessment (${state.assessment.completedOn})`,
        );
      if (state.plan) throw new StateConflict('agreedOn', 'a plan is already agreed');
      return [
        {
          type: 'EarlyHelpPlanAgreed',
          data: { episodeId, agreedOn: command.agreedOn, goalCount: command.goals.length, subject: { goals: command.goals } },
        },
      ];
    case 'ScoreOutcomesLadder': {
      notBeforeOpening(opened, 'scoredOn', command.scoredOn);
      const areas = knownAreas('scores', Object.keys(command.scores));
      for (const [areaCode, score] of Object.entries(command.scores)) {
        if (!Number.isInteger(score) || score < LADDER_MIN || score > LADDER_MAX) {
          throw new DomainRuleViolation(
            `scores.${areaCode}`,
            'ladder-1-to-10',
            `must be a whole number from ${LADDER_MIN} to ${LADDER_MAX}`,
          );
        }
      }
      if (areas.length === 0) throw new DomainRuleViolation('scores', 'ladder-some-area', 'score at least one outcome area');
      return [
        {
          type: 'OutcomesLadderScored',
          data: { episodeId, scoredOn: command.scoredOn, scores: command.scores as Record<OutcomeArea, number> },
        },
      ];
    }
    case 'Review':
      if (!state.plan) throw new DomainRuleViolation('heldOn', 'review-of-a-plan', 'a review looks at the plan: agree one first');
      if (command.heldOn < state.plan.agreedOn)
        throw new DomainRuleViolation('heldOn', 'review-of-a-plan', `cannot be before the plan was agreed (${state.plan.agreedOn})`);
      return [{ type: 'EarlyHelpReviewed', data: { episodeId, heldOn: command.heldOn } }];
    case 'StepUp':
      notBeforeOpening(opened, 'on', command.on);
      // Stepping up hands the family to social care: the episode closes with it.
      return [
        {
          type: 'EarlyHelpSteppedUp',
          data: {
            episodeId,
            childId: opened.childId,
            steppedUpAt: command.steppedUpAt,
            sex: opened.sex,
            schoolUrn: opened.schoolUrn,
            consentGiven: opened.consentGiven,
            subject: {
              child: opened.subject.child,
              reason: command.reason,
              ...(state.team ? { leadPractitioner: state.team.leadPractitioner } : {}),
            },
          },
        },
        { type: 'EarlyHelpEpisodeClosed', data: { episodeId, closedOn: command.on, outcome: 'STEPPED_UP', hadPlan: state.plan !== null } },
      ];
    case 'Close':
      notBeforeOpening(opened, 'closedOn', command.closedOn);
      if (command.outcome === 'STEPPED_UP')
        throw new DomainRuleViolation('outcome', 'step-up-via-step-up', 'step up through /step-up, which asks social care to take over');
      if (command.outcome === 'GRADUATED' && !state.plan)
        throw new DomainRuleViolation('outcome', 'graduated-had-support', 'GRADUATED is for a family that had support (an agreed plan)');
      if (command.outcome === 'NOT_PROGRESSED' && state.plan)
        throw new DomainRuleViolation('outcome', 'not-progressed-had-no-plan', 'NOT_PROGRESSED is for a family that never had a plan');
      return [
        {
          type: 'EarlyHelpEpisodeClosed',
          data: { episodeId, closedOn: command.closedOn, outcome: command.outcome, hadPlan: state.plan !== null },
        },
      ];
    default:
      return unreachable(command);
  }
};

export const evolve = (state: EpisodeState, event: EpisodeEvent): EpisodeState => {
  switch (event.type) {
    case 'EarlyHelpEpisodeOpened':
      return { ...state, status: 'OPEN', opened: event.data };
    case 'EarlyHelpAssessmentCompleted':
      return { ...state, assessment: { completedOn: event.data.completedOn, needs: event.data.needs as OutcomeArea[] } };
    case 'TeamAroundTheFamilyFormed':
      return { ...state, team: { formedOn: event.data.formedOn, ...event.data.subject } };
    case 'EarlyHelpPlanAgreed':
      return { ...state, plan: { agreedOn: event.data.agreedOn, goals: event.data.subject.goals } };
    case 'OutcomesLadderScored':
      return { ...state, ladder: [...state.ladder, { scoredOn: event.data.scoredOn, scores: event.data.scores }] };
    case 'EarlyHelpReviewed':
      return { ...state, reviews: [...state.reviews, event.data.heldOn] };
    case 'EarlyHelpSteppedUp':
      return state;
    case 'EarlyHelpEpisodeClosed':
      return { ...state, status: 'CLOSED', closure: { closedOn: event.data.closedOn, outcome: event.data.outcome } };
    default:
      return unreachable(event);
  }
};

export const foldEpisode = (events: EpisodeEvent[]): EpisodeState => events.reduce(evolve, initialEpisodeState);

const episodeIsOpen = (state: EpisodeState): EarlyHelpEpisodeOpenedV1 => {
  if (state.status === 'NONE') throw new Error('episode not opened'); // the handler answers 404 first
  if (state.status === 'CLOSED')
    throw new DomainRuleViolation(
      'episodeId',
      'nothing-after-closure',
      `the episode closed on ${state.closure!.closedOn}; nothing more can be recorded`,
    );
  return state.opened!;
};

const notBeforeOpening = (opened: EarlyHelpEpisodeOpenedV1, field: string, date: string) => {
  if (date < opened.openedOn)
    throw new DomainRuleViolation(field, 'not-before-opening', `cannot be before the episode opened (${opened.openedOn})`);
};

const knownAreas = (field: string, areas: string[]): OutcomeArea[] => {
  const unknown = areas.filter((areaCode) => !isOutcomeArea(areaCode));
  if (unknown.length > 0)
    throw new DomainRuleViolation(
      field,
      'known-outcome-areas',
      `${unknown.join(', ')}: not one of the ten Supporting Families outcome areas`,
    );
  return areas as OutcomeArea[];
};

const unreachable = (value: never): never => {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
};
