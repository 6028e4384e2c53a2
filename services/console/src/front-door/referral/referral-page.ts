import { PRIMARY_NEEDS, REFERRAL_OUTCOMES, SEXES } from '@csc/contracts';
import type { FormErrors } from '../../api/field-errors';
import { instant, OUTCOME_NAMES, primaryNeedName, sourceName, STATUS_TAGS } from '../display';
import type { ChronologyRead, DecisionForm, InformationRequestForm, ReferralRead } from './referral-read';

export interface ReferralPageState {
  decisionForm?: { values: DecisionForm; errors?: FormErrors };
  informationForm?: { values: InformationRequestForm; errors?: FormErrors };
  /** A plain explanation above everything (a stale version). */
  conflict?: string;
  /** The version the forms post back: the one opened, kept across a failed post so that a stale page stays stale. */
  formVersion: number | null;
}

/** The referral page's view model: the read as the API gives it, its chronology and the child's other referrals. */
export const referralPage = (
  referral: ReferralRead,
  chronology: ChronologyRead,
  childReferrals: ReferralRead[],
  state: ReferralPageState,
) => {
  const childName = [referral.child.givenName, referral.child.familyName].filter(Boolean).join(' ') || 'Name not available';
  const errors = [...(state.decisionForm?.errors?.summary ?? []), ...(state.informationForm?.errors?.summary ?? [])];
  return {
    pageTitle: `${errors.length > 0 || state.conflict ? 'Error: ' : ''}Referral for ${childName}`,
    referral,
    childName,
    status: STATUS_TAGS[referral.status] ?? { text: referral.status, classes: 'govuk-tag--grey' },
    details: detailRows(referral),
    decision: referral.decision && {
      outcome: OUTCOME_NAMES[referral.decision.outcome as keyof typeof OUTCOME_NAMES] ?? referral.decision.outcome,
      decidedAt: instant(referral.decision.decidedAt),
      primaryNeed: primaryNeedName(referral.decision.primaryNeed),
      rationale: referral.decision.rationale,
    },
    informationRequests: referral.informationRequests.map((request) => ({
      ...request,
      requestedAt: instant(request.requestedAt),
      answeredAt: instant(request.answeredAt),
    })),
    chronology: chronology.entries.map((entry) => ({ at: instant(entry.at), what: entry.what, by: `${entry.by.role} (${entry.by.org})` })),
    otherReferrals: childReferrals
      .filter((other) => other.referralId !== referral.referralId)
      .map((other) => ({
        href: `/front-door/referrals/${encodeURIComponent(other.referralId)}`,
        receivedAt: instant(other.receivedAt),
        source: sourceName(other.referrer.source),
        status: STATUS_TAGS[other.status] ?? { text: other.status, classes: 'govuk-tag--grey' },
        outcome: other.decision
          ? (OUTCOME_NAMES[other.decision.outcome as keyof typeof OUTCOME_NAMES] ?? other.decision.outcome)
          : 'Not decided',
      })),
    errorSummary: errors,
    conflict: state.conflict,
    formVersion: state.formVersion,
    decisionForm: state.decisionForm ?? { values: {} },
    informationForm: state.informationForm ?? { values: {} },
    outcomes: REFERRAL_OUTCOMES.map((value) => ({ value, text: OUTCOME_NAMES[value] })),
    primaryNeeds: Object.entries(PRIMARY_NEEDS).map(([value, text]) => ({ value, text: `${value}: ${text}` })),
  };
};

const detailRows = (referral: ReferralRead) => {
  const child = referral.child;
  const rows: [string, unknown][] = [
    ['Received', instant(referral.receivedAt)],
    ['Source', sourceName(referral.referrer.source)],
    ['Referrer', [referral.referrer.name, referral.referrer.role, referral.referrer.organisationId].filter(Boolean).join(', ')],
    ['Referrer contact', [referral.referrer.email, referral.referrer.phone].filter(Boolean).join(', ')],
    ['Date of birth', child.dateOfBirth ?? (child.expectedDateOfBirth ? `Expected ${String(child.expectedDateOfBirth)}` : '')],
    ['Sex', SEXES[child.sex as keyof typeof SEXES] ?? child.sex],
    ['Postcode', child.postcode],
    ['NHS number', child.nhsNumber],
    ['School URN', child.schoolUrn],
    ['Concerns', referral.concerns.summary],
    ['Assessment factors', referral.concerns.factors.join(', ')],
    ['Consent', referral.consent.given ? 'Given' : `Not given: ${referral.consent.notRequiredReason ?? ''}`],
    ['Child known before', referral.childMatch ? (referral.childMatch.matchedExistingChild ? 'Yes' : 'No, a new child') : ''],
    ['Case', referral.caseId ?? ''],
  ];
  return rows
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => ({ key: { text: key }, value: { text: String(value) } }));
};
