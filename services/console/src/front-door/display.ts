import { PRIMARY_NEEDS, REFERRAL_SOURCES, type PrimaryNeed, type ReferralOutcome } from '@csc/contracts';

/** How the console writes the API's instants and codes for people (times in England, as the front door works). */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export const instant = (value: string | null | undefined): string => (value ? LONDON.format(new Date(value)) : '');

export const sourceName = (code: string): string =>
  code in REFERRAL_SOURCES ? `${code}: ${REFERRAL_SOURCES[code as keyof typeof REFERRAL_SOURCES]}` : code;

export const primaryNeedName = (code: string | null | undefined): string =>
  code ? `${code}: ${PRIMARY_NEEDS[code as PrimaryNeed] ?? code}` : '';

export const OUTCOME_NAMES: Record<ReferralOutcome, string> = {
  ACCEPTED_FOR_ASSESSMENT: 'Accepted for assessment',
  ALREADY_OPEN: 'Already open',
  NFA: 'No further action',
  STEP_DOWN_TO_EARLY_HELP: 'Step down to early help',
  SIGNPOSTED: 'Signposted',
  ADVICE_AND_INFORMATION: 'Advice and information',
};

export const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  RECEIVED: { text: 'Received', classes: 'govuk-tag--blue' },
  AWAITING_INFORMATION: { text: 'Awaiting information', classes: 'govuk-tag--yellow' },
  DECIDED: { text: 'Decided', classes: 'govuk-tag--green' },
};
