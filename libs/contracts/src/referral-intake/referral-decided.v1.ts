import { z } from 'zod';
import { PRIMARY_NEED_CODES } from '../code-sets/primary-need';
import { REFERRAL_SOURCE_CODES } from '../code-sets/referral-source';
import { childSubjectSchema, coarseChildSchema } from './referral-subject';

export const REFERRAL_OUTCOMES = [
  'ACCEPTED_FOR_ASSESSMENT',
  'ALREADY_OPEN',
  'NFA',
  'STEP_DOWN_TO_EARLY_HELP',
  'SIGNPOSTED',
  'ADVICE_AND_INFORMATION',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Outcomes that make the referral a CIN referral, the unit the census counts (docs/domain.md). */
export const CIN_REFERRAL_OUTCOMES: readonly ReferralOutcome[] = ['ACCEPTED_FOR_ASSESSMENT', 'NFA'];

export const referralDecidedV1 = z
  .strictObject({
    referralId: z.uuid(),
    childId: z.uuid(),
    outcome: z.enum(REFERRAL_OUTCOMES),
    decidedAt: z.iso.datetime({ offset: true }),
    /** The referral's date as the census dates it (the day it was received, in England). */
    referralDate: z.iso.date(),
    receivedAt: z.iso.datetime({ offset: true }),
    cinReferral: z.boolean(),
    primaryNeed: z.enum(PRIMARY_NEED_CODES as [string, ...string[]]).nullable(),
    source: z.enum(REFERRAL_SOURCE_CODES as [string, ...string[]]),
    referrerOrganisationId: z.string().nullable(),
    child: coarseChildSchema,
    consentGiven: z.boolean(),
    informationRequestCount: z.number().int().min(0),
    steppedUpFromEarlyHelpEpisodeId: z.uuid().nullable(),
    subject: z.strictObject({
      /** Those who open a case or an episode need to know whom it is about. */
      child: childSubjectSchema,
      rationale: z.string(),
    }),
  })
  .describe(
    "The front door's decision, with what its consumers need without asking back: case-progression opens a case on ACCEPTED_FOR_ASSESSMENT (attaches on ALREADY_OPEN), early-help opens an episode on STEP_DOWN_TO_EARLY_HELP, school-notifications tells the referring school, analytics counts.",
  );
export type ReferralDecidedV1 = z.infer<typeof referralDecidedV1>;
