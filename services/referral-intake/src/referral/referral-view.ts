import type { AuthenticatedUser } from '@csc/auth';
import type { LoadedReferral } from './referral.repository';
import { schoolDecisionCategoryOf } from './domain/school-decision-category';

/** A school sees only referrals it made (the caller checks), and of those only what it may be told. */
export const isReferrerSchool = (referral: LoadedReferral, user: AuthenticatedUser): boolean =>
  // A school's referral is source 2A from its own URN; another agency's code that happens to equal a URN is not.
  user.role === 'SCHOOL' && referral.state.received.source === '2A' && referral.state.received.referrerOrganisationId === user.org;

export const referralView = ({ state, version, events, caseId }: LoadedReferral, viewer: AuthenticatedUser) => {
  const received = state.received;
  const match = events.find((event) => event.type === 'ChildMatched');
  const informationRequests = events.flatMap((event) => (event.type === 'InformationRequested' ? [event.data] : []));
  const answers = new Map(
    events.flatMap((event) => (event.type === 'InformationProvided' ? [[event.data.requestId, event.data] as const] : [])),
  );
  const forSchool = viewer.role === 'SCHOOL';
  return {
    referralId: received.referralId,
    childId: received.childId,
    status: state.status,
    version,
    receivedAt: received.receivedAt,
    referrer: { source: received.source, organisationId: received.referrerOrganisationId, ...received.subject.referrer },
    child: {
      ...received.subject.child,
      sex: received.child.sex,
      schoolUrn: received.child.schoolUrn,
      ageAtReferral: received.child.ageAtReferral,
      // Special category data (ethnicity, disability) is for the staff who record the census, not a school.
      ...(forSchool ? {} : received.subject.characteristics),
    },
    concerns: { summary: received.subject.concernsSummary, factors: received.factors },
    consent: { given: received.consent.given, notRequiredReason: received.subject.consentNotRequiredReason },
    steppedUpFromEarlyHelpEpisodeId: received.steppedUpFromEarlyHelpEpisodeId,
    // Staff follow the referral into its case; a school is told progress through its notifications instead.
    ...(forSchool ? {} : { caseId: caseId ?? null }),
    // Whether a child was known before is case history: not for a school.
    ...(forSchool || match?.type !== 'ChildMatched'
      ? {}
      : { childMatch: { rule: match.data.rule, matchedExistingChild: match.data.matchedExistingChild } }),
    informationRequests: informationRequests.map((request) => ({
      requestId: request.requestId,
      question: request.subject.question,
      requestedAt: request.requestedAt,
      answer: answers.get(request.requestId)?.subject.answer ?? null,
      answeredAt: answers.get(request.requestId)?.providedAt ?? null,
    })),
    decision: !state.decision
      ? null
      : forSchool
        ? { category: schoolDecisionCategoryOf(state.decision.outcome), decidedAt: state.decision.decidedAt }
        : {
            outcome: state.decision.outcome,
            decidedAt: state.decision.decidedAt,
            primaryNeed: state.decision.primaryNeed,
            cinReferral: state.decision.cinReferral,
            rationale: state.decision.subject.rationale,
          },
  };
};
