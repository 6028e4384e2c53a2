import type { NamedSocialWorker, ReferralOutcome } from '@csc/contracts';

/**
 * What a school may be told (docs/domain.md), in one place: each domain event becomes at most one
 * notification, in plain English, carrying only the fact a school needs to act. Never an abuse
 * category, an assessment factor or finding, another family member, or a referrer's identity;
 * never a name or any other personal data (the school has the child's id and its own records).
 */
export const NOTIFICATION_TYPES = [
  'REFERRAL_RECEIVED',
  'INFORMATION_REQUESTED',
  'REFERRAL_DECIDED',
  'ASSESSMENT_COMPLETED',
  'CHILD_PROTECTION_PLAN_STARTED',
  'CHILD_IN_NEED_PLAN_STARTED',
  'CASE_CLOSED',
  'EARLY_HELP_CLOSED',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Who hears: only the school that made this referral, or every school entitled to hear about the child. */
export type Audience = 'THE_REFERRING_SCHOOL' | 'ENTITLED_SCHOOLS';

export interface NotificationDraft {
  type: NotificationType;
  audience: Audience;
  summary: string;
  referralId: string | null;
  /** Who to contact, where a plan names a social worker (docs/domain.md allows it; Better Together linked each school to one). */
  socialWorker: NamedSocialWorker | null;
}

/** The coarse facts of an event, as it arrives sealed: no subject is ever read here. */
export interface PolicyEvent {
  type: string;
  data: Record<string, unknown>;
}

const DECISION_SUMMARIES: Record<ReferralOutcome, string> = {
  ACCEPTED_FOR_ASSESSMENT: 'The front door has decided your referral: accepted for a social care assessment.',
  ALREADY_OPEN:
    'The front door has decided your referral: the child is already known to children’s social care, and it has been added to their open case.',
  STEP_DOWN_TO_EARLY_HELP: 'The front door has decided your referral: early help has been offered to the family.',
  NFA: 'The front door has decided your referral: no further action by children’s social care, with advice.',
  SIGNPOSTED:
    'The front door has decided your referral: no further action by children’s social care; the family has been signposted to other services.',
  ADVICE_AND_INFORMATION:
    'The front door has decided your referral: no further action by children’s social care, with advice and information.',
};

/** Only the contact fields, copied one by one: nothing else an event might carry can ride along. */
const socialWorkerOf = (data: Record<string, unknown>): NamedSocialWorker | null => {
  const named = data.namedSocialWorker as Record<string, unknown> | null | undefined;
  if (!named || typeof named.name !== 'string') return null;
  const contact: NamedSocialWorker = { name: named.name };
  for (const field of ['team', 'phone', 'email'] as const) if (typeof named[field] === 'string') contact[field] = named[field];
  return contact;
};

const idOf = (data: Record<string, unknown>, field: string): string | null =>
  typeof data[field] === 'string' ? (data[field] as string) : null;

/** The one notification an event makes, or null when schools are told nothing of it. */
export const draftNotification = (event: PolicyEvent): NotificationDraft | null => {
  const draft = draftWithoutContact(event);
  return draft && { ...draft, socialWorker: draft.type.endsWith('_PLAN_STARTED') ? socialWorkerOf(event.data) : null };
};

const draftWithoutContact = ({ type, data }: PolicyEvent): Omit<NotificationDraft, 'socialWorker'> | null => {
  const referralId = idOf(data, 'referralId');
  switch (type) {
    case 'ReferralReceived':
      return {
        type: 'REFERRAL_RECEIVED',
        audience: 'THE_REFERRING_SCHOOL',
        referralId,
        summary: 'Your referral has been received by the front door.',
      };
    case 'InformationRequested':
      return {
        type: 'INFORMATION_REQUESTED',
        audience: 'THE_REFERRING_SCHOOL',
        referralId,
        summary: 'The front door needs more information from you about your referral. Please answer the request in the referral service.',
      };
    case 'ReferralDecided':
      return {
        type: 'REFERRAL_DECIDED',
        audience: 'ENTITLED_SCHOOLS',
        referralId,
        summary: DECISION_SUMMARIES[data.outcome as ReferralOutcome],
      };
    case 'AssessmentCompleted':
      return {
        type: 'ASSESSMENT_COMPLETED',
        audience: 'ENTITLED_SCHOOLS',
        referralId: null,
        summary: 'The social care assessment of the child has finished.',
      };
    case 'ChildProtectionPlanStarted':
      return {
        type: 'CHILD_PROTECTION_PLAN_STARTED',
        audience: 'ENTITLED_SCHOOLS',
        referralId: null,
        summary:
          'The child is now subject to a child protection plan. The named social worker will be in touch about the school’s part in it.',
      };
    case 'ChildInNeedPlanStarted':
      return {
        type: 'CHILD_IN_NEED_PLAN_STARTED',
        audience: 'ENTITLED_SCHOOLS',
        referralId: null,
        summary: 'The child now has a child in need plan. The named social worker will be in touch about the school’s part in it.',
      };
    case 'CaseClosed':
      return {
        type: 'CASE_CLOSED',
        audience: 'ENTITLED_SCHOOLS',
        referralId: null,
        summary: 'The child’s case with children’s social care has closed.',
      };
    case 'EarlyHelpEpisodeClosed':
      return { type: 'EARLY_HELP_CLOSED', audience: 'ENTITLED_SCHOOLS', referralId: null, summary: 'Early help for the family has ended.' };
    default:
      return null;
  }
};
