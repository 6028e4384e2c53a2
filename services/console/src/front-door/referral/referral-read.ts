/** The parts of `GET /v1/referrals/{id}` the front door's page shows (README, "A referral"). */
export interface ReferralRead {
  referralId: string;
  childId: string;
  status: string;
  version: number;
  receivedAt: string;
  referrer: { source: string; organisationId?: string | null; name?: string; role?: string; email?: string; phone?: string };
  child: Record<string, unknown> & { givenName?: string; familyName?: string };
  concerns: { summary: string; factors: string[] };
  consent: { given: boolean; notRequiredReason?: string | null };
  caseId?: string | null;
  childMatch?: { rule: string; matchedExistingChild: boolean };
  informationRequests: { requestId: string; question: string; requestedAt: string; answer: string | null; answeredAt: string | null }[];
  decision: { outcome: string; decidedAt: string; primaryNeed: string | null; cinReferral: boolean; rationale: string } | null;
}

export interface ChronologyRead {
  entries: { at: string; what: string; by: { role: string; org: string }; eventType: string; version: number }[];
}

/** The decision form as posted, and the information request form. */
export interface DecisionForm {
  outcome?: string;
  primaryNeed?: string;
  rationale?: string;
  version?: string;
}

export interface InformationRequestForm {
  question?: string;
  version?: string;
}

/** The API's field paths by the forms' field ids (the same names: the page's ids follow the API). */
export const DECISION_FIELDS = { outcome: 'outcome', primaryNeed: 'primaryNeed', rationale: 'rationale' };
export const INFORMATION_REQUEST_FIELDS = { question: 'question' };

/** The version the page was opened at, posted back in a hidden field and sent as If-Match. */
export const versionFrom = (posted: string | undefined): number | null => (posted && /^\d{1,9}$/.test(posted) ? Number(posted) : null);

/** The decision's body: empty choices left out, so the API says what is missing by its own rules. */
export const decisionBody = (form: DecisionForm) => ({
  outcome: form.outcome ?? '',
  ...(form.primaryNeed ? { primaryNeed: form.primaryNeed } : {}),
  rationale: (form.rationale ?? '').trim(),
});
