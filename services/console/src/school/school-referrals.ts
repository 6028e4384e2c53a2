import type { FormErrors } from '../api/field-errors';
import { instant } from '../front-door/display';

/** A decision as a school may be told it (docs/domain.md, "What a school may be told"): a category, never the rationale. */
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
  version: number;
  receivedAt: string;
  child: { givenName?: string; familyName?: string; dateOfBirth?: string };
  concerns: { summary: string };
  informationRequests: { requestId: string; question: string; requestedAt: string; answer: string | null; answeredAt: string | null }[];
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

/** The referral's history as a school may read it (`GET /v1/referrals/{id}/history`: what happened, never what was said). */
export interface SchoolChronologyRead {
  entries: { at: string; what: string; by: { role: string; org: string } }[];
}

/** The school's answer as posted, with the version the page was opened at. */
export interface InformationAnswerForm {
  answer?: string;
  version?: string;
}

/** The API's field path for the answer form's one field. */
export const INFORMATION_ANSWER_FIELDS = { answer: 'answer' };
export const INFORMATION_ANSWER_LABELS = { answer: 'Your answer' };

/** `POST /v1/referrals/{id}/information`'s body: the answer, sent even when empty, so the API says it is missing. */
export const informationAnswerBody = (form: InformationAnswerForm) => ({
  answer: typeof form.answer === 'string' ? form.answer.trim() : '',
});

/** The front door asks one question at a time: the one waiting for the school's answer, if any. */
export const openQuestionOf = (read: Pick<SchoolReferralRead, 'status' | 'informationRequests'>) =>
  read.status === 'AWAITING_INFORMATION' ? (read.informationRequests.find((request) => request.answer === null) ?? null) : null;

export interface SchoolReferralPageState {
  justSent?: boolean;
  justAnswered?: boolean;
  answerForm?: { values: InformationAnswerForm; errors?: FormErrors };
  /** A stale page (the API's 409: answered meanwhile, or the referral changed), in plain words. */
  conflict?: string;
  /** The version the answer posts back as If-Match: the one the page was opened at, kept across a refusal. */
  formVersion: number | null;
}

export const schoolReferralPage = (read: SchoolReferralRead, chronology: SchoolChronologyRead, state: SchoolReferralPageState) => {
  const errors = state.answerForm?.errors?.summary ?? [];
  const openQuestion = openQuestionOf(read);
  return {
    pageTitle: `${errors.length > 0 || state.conflict ? 'Error: ' : ''}Referral for ${nameOf(read.child)}`,
    referralId: read.referralId,
    childName: nameOf(read.child),
    justSent: state.justSent ?? false,
    justAnswered: state.justAnswered ?? false,
    errorSummary: errors,
    conflict: state.conflict,
    formVersion: state.formVersion,
    openQuestion: openQuestion ? { question: openQuestion.question, requestedAt: instant(openQuestion.requestedAt) } : null,
    answerForm: state.answerForm ?? { values: {} },
    chronology: chronology.entries.map((entry) => ({ at: instant(entry.at), what: entry.what, by: `${entry.by.role} (${entry.by.org})` })),
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
  };
};
