import { z } from 'zod';
import { ABUSE_CATEGORY_CODES } from '../code-sets/small-code-sets';
import { ASSESSMENT_FACTOR_CODES } from '../code-sets/assessment-factor';
import { PRIMARY_NEED_CODES } from '../code-sets/primary-need';
import { REASON_FOR_CLOSURE_CODES } from '../code-sets/reason-for-closure';
import { REFERRAL_SOURCE_CODES } from '../code-sets/referral-source';
import { childDetailsCorrectionSchema } from '../referral-intake/child-characteristics';
import { childSubjectSchema, coarseChildSchema } from '../referral-intake/referral-subject';

const id = z.uuid();
const day = z.iso.date();
const category = z.enum(ABUSE_CATEGORY_CODES as [string, ...string[]]);

export const ASSESSMENT_OUTCOMES = ['CHILD_IN_NEED', 'NO_FURTHER_ACTION', 'STEP_DOWN_TO_EARLY_HELP', 'STRATEGY_DISCUSSION'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/**
 * What early help needs to open an episode when a case steps a family down (RC9, or an assessment's
 * outcome); the child's identity travels in the event's `data.subject`, where personal data lives.
 */
export const stepDownSchema = z.strictObject({
  schoolUrn: z.string().nullable(),
  consentGiven: z.boolean(),
  sex: z.enum(['M', 'F', 'U']),
});
const stepDownSubject = z.strictObject({ child: childSubjectSchema }).nullable();

export const caseOpenedV1 = z
  .strictObject({
    caseId: id,
    childId: id,
    referralId: id,
    referralDate: day,
    primaryNeed: z.enum(PRIMARY_NEED_CODES as [string, ...string[]]),
    source: z.enum(REFERRAL_SOURCE_CODES as [string, ...string[]]),
    referrerOrganisationId: z.string().nullable(),
    child: coarseChildSchema,
    consentGiven: z.boolean(),
    subject: z.strictObject({ child: childSubjectSchema }),
  })
  .describe('A CIN episode begins: the front door accepted a referral for assessment.');

export const referralAttachedToCaseV1 = z
  .strictObject({
    caseId: id,
    childId: id,
    referralId: id,
    referralDate: day,
    source: z.enum(REFERRAL_SOURCE_CODES as [string, ...string[]]),
    referrerOrganisationId: z.string().nullable(),
  })
  .describe('A further referral about a child whose case is open joins that case (ALREADY_OPEN; no overlapping episodes, 8820).');

export const assessmentStartedV1 = z.strictObject({ caseId: id, assessmentId: id, startedOn: day });

export const assessmentCompletedV1 = z.strictObject({
  caseId: id,
  assessmentId: id,
  authorisedOn: day,
  factors: z.array(z.enum(ASSESSMENT_FACTOR_CODES as [string, ...string[]])),
  outcome: z.enum(ASSESSMENT_OUTCOMES),
  /** Working days from the referral (day 0) to authorisation; timely within 45. */
  workingDaysFromReferral: z.number().int().min(0),
  withinTimescale: z.boolean(),
  stepDown: stepDownSchema.nullable(),
  subject: stepDownSubject,
});

export const strategyDiscussionHeldV1 = z.strictObject({ caseId: id, strategyDiscussionId: id, heldOn: day, section47Id: id.nullable() });

export const section47ConcludedV1 = z.strictObject({ caseId: id, section47Id: id, concludedOn: day, icpcRequired: z.boolean() });

export const childProtectionConferenceHeldV1 = z.strictObject({
  caseId: id,
  conferenceId: id,
  heldOn: day,
  section47Id: id.nullable(),
  childProtectionPlan: z.boolean(),
  /** Working days from the strategy discussion that started the S47 (day 0); timely within 15. Null without one. */
  workingDaysFromStrategyDiscussion: z.number().int().min(0).nullable(),
  withinTimescale: z.boolean().nullable(),
});

/**
 * The social worker named on a plan: a professional's work contact, not the child's data, and what
 * docs/domain.md lets a school be told. Optional so events recorded before it was asked for still read.
 */
export const namedSocialWorkerSchema = z.strictObject({
  name: z.string().min(1).max(100),
  team: z.string().min(1).max(100).optional(),
  phone: z.string().min(1).max(30).optional(),
  email: z.email().max(200).optional(),
});
export type NamedSocialWorker = z.infer<typeof namedSocialWorkerSchema>;
const namedSocialWorker = namedSocialWorkerSchema.nullable().optional();

export const childProtectionPlanStartedV1 = z.strictObject({
  caseId: id,
  planId: id,
  conferenceId: id,
  startedOn: day,
  category,
  namedSocialWorker,
});
export const childProtectionPlanReviewedV1 = z.strictObject({ caseId: id, planId: id, heldOn: day, latestCategory: category });
export const childProtectionPlanEndedV1 = z.strictObject({ caseId: id, planId: id, endedOn: day });
export const childInNeedPlanStartedV1 = z.strictObject({ caseId: id, planId: id, startedOn: day, namedSocialWorker });
export const childInNeedPlanEndedV1 = z.strictObject({ caseId: id, planId: id, endedOn: day });
export const becameLookedAfterV1 = z.strictObject({ caseId: id, periodId: id, startedOn: day, legalStatus: z.string().min(1).max(10) });
export const ceasedToBeLookedAfterV1 = z.strictObject({ caseId: id, periodId: id, endedOn: day, reason: z.string().min(1).max(10) });

export const caseClosedV1 = z.strictObject({
  caseId: id,
  closedOn: day,
  reason: z.enum(REASON_FOR_CLOSURE_CODES as [string, ...string[]]),
  referralDate: day,
  stepDown: stepDownSchema.nullable(),
  subject: stepDownSubject,
});

export const childCharacteristicsRecordedV1 = z
  .strictObject({
    caseId: id,
    childId: id,
    recordedOn: day,
    subject: childDetailsCorrectionSchema,
  })
  .describe(
    "A social worker records or corrects the child's details for the CIN census (ethnicity, disabilities, UPN or why it is unknown, date of birth or death, sex) at any time, closed case or not. All of it is personal, so all of it is in the sealed subject; the census reads the latest value of each field.",
  );

export type CaseOpenedV1 = z.infer<typeof caseOpenedV1>;
export type ReferralAttachedToCaseV1 = z.infer<typeof referralAttachedToCaseV1>;
export type AssessmentStartedV1 = z.infer<typeof assessmentStartedV1>;
export type AssessmentCompletedV1 = z.infer<typeof assessmentCompletedV1>;
export type StrategyDiscussionHeldV1 = z.infer<typeof strategyDiscussionHeldV1>;
export type Section47ConcludedV1 = z.infer<typeof section47ConcludedV1>;
export type ChildProtectionConferenceHeldV1 = z.infer<typeof childProtectionConferenceHeldV1>;
export type ChildProtectionPlanStartedV1 = z.infer<typeof childProtectionPlanStartedV1>;
export type ChildProtectionPlanReviewedV1 = z.infer<typeof childProtectionPlanReviewedV1>;
export type ChildProtectionPlanEndedV1 = z.infer<typeof childProtectionPlanEndedV1>;
export type ChildInNeedPlanStartedV1 = z.infer<typeof childInNeedPlanStartedV1>;
export type ChildInNeedPlanEndedV1 = z.infer<typeof childInNeedPlanEndedV1>;
export type BecameLookedAfterV1 = z.infer<typeof becameLookedAfterV1>;
export type CeasedToBeLookedAfterV1 = z.infer<typeof ceasedToBeLookedAfterV1>;
export type CaseClosedV1 = z.infer<typeof caseClosedV1>;
export type ChildCharacteristicsRecordedV1 = z.infer<typeof childCharacteristicsRecordedV1>;
export type StepDown = z.infer<typeof stepDownSchema>;
