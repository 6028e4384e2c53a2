import { randomUUID } from 'node:crypto';
import { SEXES } from '@csc/contracts';
import { isUuid } from '../api/form-refusal';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { textOf as text, optionalField as optional } from '../forms/form-values';

/** The school's referral form as posted (flat field names, each the id of its input). */
export interface SchoolReferralForm {
  givenName?: string;
  familyName?: string;
  'dateOfBirth-day'?: string;
  'dateOfBirth-month'?: string;
  'dateOfBirth-year'?: string;
  sex?: string;
  nhsNumber?: string;
  postcode?: string;
  concerns?: string;
  consentGiven?: string;
  consentNotRequiredReason?: string;
  referrerName?: string;
  referrerRole?: string;
  referrerEmail?: string;
  referrerPhone?: string;
  idempotencyKey?: string;
}

/** Which API path each form field shows the messages of (`POST /v1/referrals`'s field paths). */
export const SCHOOL_REFERRAL_FIELDS = {
  givenName: 'child.givenName',
  familyName: 'child.familyName',
  dateOfBirth: 'child.dateOfBirth',
  sex: 'child.sex',
  nhsNumber: 'child.nhsNumber',
  postcode: 'child.postcode',
  concerns: 'concerns.summary',
  consentGiven: 'consent.given',
  consentNotRequiredReason: 'consent.notRequiredReason',
  referrerName: 'referrer.name',
  referrerRole: 'referrer.role',
  referrerEmail: 'referrer.email',
  referrerPhone: 'referrer.phone',
};

/** How the API's messages name the fields whose ids do not read well as words. */
export const SCHOOL_REFERRAL_LABELS = {
  nhsNumber: 'NHS number',
  concerns: 'What you are worried about',
  consentGiven: 'Whether the family agreed',
  consentNotRequiredReason: 'Why you are referring without consent',
  referrerName: 'Your name',
  referrerRole: 'Your role',
  referrerEmail: 'Email address',
  referrerPhone: 'Telephone',
};

/**
 * The referral as the API takes it from a school: source 2A, from the school's own URN (the API refuses
 * any other), the child at this school. Required fields are sent even when empty: the API says what is missing.
 * The date of birth comes read from its date input (src/forms/date-input.ts).
 */
export const schoolReferralBody = (form: SchoolReferralForm, school: SignedInUser, dateOfBirth: string) => ({
  referrer: {
    source: '2A',
    organisationId: school.org,
    name: text(form.referrerName),
    ...optional('role', form.referrerRole),
    ...optional('email', form.referrerEmail),
    ...optional('phone', form.referrerPhone),
  },
  child: {
    givenName: text(form.givenName),
    familyName: text(form.familyName),
    dateOfBirth,
    sex: text(form.sex),
    ...optional('nhsNumber', form.nhsNumber),
    ...optional('postcode', form.postcode),
    schoolUrn: school.org,
  },
  concerns: { summary: text(form.concerns) },
  consent: {
    ...(form.consentGiven === 'yes' ? { given: true } : form.consentGiven === 'no' ? { given: false } : {}),
    ...(form.consentGiven === 'no' ? optional('notRequiredReason', form.consentNotRequiredReason) : {}),
  },
});

/**
 * The Idempotency-Key for this post: the one the form was rendered with, so pressing the button twice
 * (or resending after a timeout) makes one referral; a fresh one if the form came without a usable key.
 */
export const idempotencyKeyOf = (form: SchoolReferralForm): string =>
  form.idempotencyKey && isUuid(form.idempotencyKey) ? form.idempotencyKey : randomUUID();

export const SEX_ITEMS = Object.entries(SEXES).map(([value, text]) => ({ value, text }));
