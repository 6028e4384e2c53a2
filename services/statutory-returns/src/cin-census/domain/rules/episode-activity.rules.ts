import type { CinDetails } from '../census-return';
import { episodeRule } from './census-rule';
import { activityDatesOf } from './episode-dates';

/**
 * Rules that hold an episode's work against how it was closed or decided: nothing after a
 * closure, nothing on a referral with no further action, an assessment where one is implied.
 */

const CLOSED_AFTER_ASSESSMENT = ['RC8', 'RC9'];
const closedAfterAssessment = (episode: CinDetails): boolean =>
  episode.reasonForClosure !== null && CLOSED_AFTER_ASSESSMENT.includes(episode.reasonForClosure);

/** The modules present in an episode, by census element, from those listed. */
const presentOf = (present: Record<string, boolean>): string[] =>
  Object.entries(present)
    .filter(([, isPresent]) => isPresent)
    .map(([element]) => element);

// RC8/RC9 say the assessment found nothing to do, so a plan, an enquiry or a conference contradicts the reason.
export const nothingAfterClosedAfterAssessment_2990 = episodeRule(
  {
    code: '2990',
    severity: 'ERROR',
    text: "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
  },
  (episode) => {
    if (!closedAfterAssessment(episode)) return [];
    const activity = presentOf({
      DateOfInitialCPC: episode.dateOfInitialCpc !== null,
      CINPlanDates: episode.cinPlans.length > 0,
      Section47: episode.section47s.length > 0,
      ChildProtectionPlans: episode.cpPlans.length > 0,
    });
    return activity.length === 0 ? [] : [{ field: 'ReasonForClosure', detail: `${episode.reasonForClosure} with ${activity.join(', ')}` }];
  },
);

export const section47HasAssessment_2991Q = episodeRule(
  {
    code: '2991Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode',
  },
  (episode) => (episode.section47s.length > 0 && episode.assessments.length === 0 ? [{ field: 'Assessments' }] : []),
);

export const noCinPlanOnNfaReferral_4000 = episodeRule(
  { code: '4000', severity: 'ERROR', text: 'CIN Plan details provided for a referral with no further action' },
  (episode) =>
    episode.referralNfa === true && episode.cinPlans.length > 0
      ? [{ field: 'ReferralNFA', detail: `${episode.cinPlans.length} CINPlanDates` }]
      : [],
);

export const nothingAfterClosure_8565 = episodeRule(
  { code: '8565', severity: 'ERROR', text: 'Activity shown after a case has been closed' },
  (episode) => {
    const closure = episode.cinClosureDate;
    if (!closure) return [];
    return activityDatesOf(episode)
      .filter(({ date }) => date > closure)
      .map(({ field, date }) => ({ field, detail: `${field} ${date} after closure ${closure}` }));
  },
);

export const closedAfterAssessmentHasAssessment_8825Q = episodeRule(
  {
    code: '8825Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.',
  },
  (episode) =>
    closedAfterAssessment(episode) && episode.assessments.length === 0
      ? [{ field: 'ReasonForClosure', detail: `${episode.reasonForClosure}` }]
      : [],
);

// CIN plans on an NFA referral are 4000's to report, and the DfE leaves CP plans out of this rule.
export const nothingOnNfaReferral_8831 = episodeRule(
  {
    code: '8831',
    severity: 'ERROR',
    text: 'Activity is recorded against a case marked as a referral with no further action',
  },
  (episode) => {
    if (episode.referralNfa !== true) return [];
    const activity = presentOf({
      Assessments: episode.assessments.length > 0,
      Section47: episode.section47s.length > 0,
      DateOfInitialCPC: episode.dateOfInitialCpc !== null,
    });
    return activity.length === 0 ? [] : [{ field: 'ReferralNFA', detail: `with ${activity.join(', ')}` }];
  },
);

export const closedEpisodeAssessmentsComplete_8867 = episodeRule(
  {
    code: '8867',
    severity: 'ERROR',
    text: 'CIN episode is shown as closed, however Assessment is not shown as completed',
  },
  (episode) =>
    episode.cinClosureDate
      ? episode.assessments
          .filter((assessment) => !assessment.authorisationDate)
          .map((assessment) => ({
            field: 'AssessmentAuthorisationDate',
            detail: `assessment started ${assessment.startDate}, closure ${episode.cinClosureDate}`,
          }))
      : [],
);

export const EPISODE_ACTIVITY_RULES = [
  nothingAfterClosedAfterAssessment_2990,
  section47HasAssessment_2991Q,
  noCinPlanOnNfaReferral_4000,
  nothingAfterClosure_8565,
  closedAfterAssessmentHasAssessment_8825Q,
  nothingOnNfaReferral_8831,
  closedEpisodeAssessmentsComplete_8867,
];
