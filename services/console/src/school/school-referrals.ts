import { instant } from '../front-door/display';

/** A decision as a school may be told it (DOMAIN.md, "What a school may be told"): a category, never the rationale. */
export const SCHOOL_DECISION_NAMES: Record<string, string> = {
  ACCEPTED_FOR_ASSESSMENT: 'Accepted for assessment',
  EARLY_HELP_OFFERED: 'Early help offered',
  NO_FURTHER_ACTION_WITH_ADVICE: 'No further action, with advice',
};

export const SCHOOL_STATUS_NAMES: Record<string, string> = {
  RECEIVED: 'Received',
  AWAITING_INFORMATION: 'More information needed from you',
  DECIDED: 'Decided',
};

/** One of the school's referrals in `GET /v1/referrals` (a school's rows carry no decision clock or flags). */
export interface SchoolReferralItem {
  referralId: string;
  status: string;
  receivedAt: string;
  child: { givenName: string; familyName: string } | null;
}

/** `GET /v1/referrals/{id}` as a school reads it. */
export interface SchoolReferralRead {
  referralId: string;
  status: string;
  receivedAt: string;
  child: { givenName?: string; familyName?: string; dateOfBirth?: string };
  concerns: { summary: string };
  informationRequests: { question: string; requestedAt: string; answer: string | null; answeredAt: string | null }[];
  decision: { category: string; decidedAt: string } | null;
}

export const decisionText = (decision: SchoolReferralRead['decision'] | undefined): string =>
  decision ? `${SCHOOL_DECISION_NAMES[decision.category] ?? decision.category} (${instant(decision.decidedAt)})` : 'Not decided yet';

const nameOf = (child: { givenName?: string; familyName?: string } | null): string =>
  (child && [child.givenName, child.familyName].filter(Boolean).join(' ')) || 'Name not available';

export const schoolReferralRowOf = (item: SchoolReferralItem, decision?: SchoolReferralRead['decision']) => ({
  href: `/school/referrals/${encodeURIComponent(item.referralId)}`,
  childName: nameOf(item.child),
  receivedAt: instant(item.receivedAt),
  status: SCHOOL_STATUS_NAMES[item.status] ?? item.status,
  decision: decisionText(decision),
});

export const schoolReferralPage = (read: SchoolReferralRead, justSent: boolean) => ({
  pageTitle: `Referral for ${nameOf(read.child)}`,
  childName: nameOf(read.child),
  justSent,
  details: [
    ['Received', instant(read.receivedAt)],
    ['Status', SCHOOL_STATUS_NAMES[read.status] ?? read.status],
    ['Decision', decisionText(read.decision)],
    ['Your concerns', read.concerns.summary],
  ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
  informationRequests: read.informationRequests.map((request) => ({
    question: request.question,
    requestedAt: instant(request.requestedAt),
    answer: request.answer ? `${request.answer} (${instant(request.answeredAt)})` : 'Not answered yet',
  })),
});
