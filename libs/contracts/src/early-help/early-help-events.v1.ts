import { z } from 'zod';
import { OUTCOME_AREA_CODES, LADDER_MAX, LADDER_MIN } from '../code-sets/outcome-area';
import { childSubjectSchema } from '../referral-intake/referral-subject';

const id = z.uuid();
const day = z.iso.date();
const area = z.enum(OUTCOME_AREA_CODES as [string, ...string[]]);

export const EPISODE_ORIGINS = ['REFERRAL_STEP_DOWN', 'ASSESSMENT_STEP_DOWN', 'CASE_CLOSED_RC9', 'DIRECT_REQUEST'] as const;
export type EpisodeOrigin = (typeof EPISODE_ORIGINS)[number];

export const EARLY_HELP_OUTCOMES = ['GRADUATED', 'LEFT_WITHOUT_GRADUATING', 'NOT_PROGRESSED', 'STEPPED_UP', 'MOVED_AWAY'] as const;
export type EarlyHelpOutcome = (typeof EARLY_HELP_OUTCOMES)[number];

export const earlyHelpEpisodeOpenedV1 = z
  .strictObject({
    episodeId: id,
    /** Known when the episode came from a referral or a case; null for a direct request the child index has not seen. */
    childId: id.nullable(),
    openedOn: day,
    origin: z.enum(EPISODE_ORIGINS),
    /** The referral or case it came from (null for a direct request). */
    originId: id.nullable(),
    /** Who asked for it (a school's URN, the LA code): a school may follow the episodes it asked for. */
    requestedByOrganisationId: z.string().nullable(),
    sex: z.enum(['M', 'F', 'U']),
    schoolUrn: z.string().nullable(),
    consentGiven: z.boolean(),
    subject: z.strictObject({ child: childSubjectSchema, reason: z.string().optional() }),
  })
  .describe("An early help episode begins: stepped down from social care, or asked for directly with the family's consent.");

export const earlyHelpAssessmentCompletedV1 = z.strictObject({ episodeId: id, completedOn: day, needs: z.array(area).min(1) });

export const teamAroundTheFamilyFormedV1 = z.strictObject({
  episodeId: id,
  formedOn: day,
  memberCount: z.number().int().min(0),
  /** Practitioners' names are personal data too. */
  subject: z.strictObject({ leadPractitioner: z.string(), members: z.array(z.string()) }),
});

export const earlyHelpPlanAgreedV1 = z.strictObject({
  episodeId: id,
  agreedOn: day,
  goalCount: z.number().int().min(1),
  subject: z.strictObject({ goals: z.array(z.string()) }),
});

export const outcomesLadderScoredV1 = z.strictObject({
  episodeId: id,
  scoredOn: day,
  scores: z.partialRecord(area, z.number().int().min(LADDER_MIN).max(LADDER_MAX)), // the areas scored that time, not always all ten
});

export const earlyHelpReviewedV1 = z.strictObject({ episodeId: id, heldOn: day });

export const earlyHelpEpisodeClosedV1 = z.strictObject({
  episodeId: id,
  closedOn: day,
  outcome: z.enum(EARLY_HELP_OUTCOMES),
  hadPlan: z.boolean(),
});

export type EarlyHelpEpisodeOpenedV1 = z.infer<typeof earlyHelpEpisodeOpenedV1>;
export type EarlyHelpAssessmentCompletedV1 = z.infer<typeof earlyHelpAssessmentCompletedV1>;
export type TeamAroundTheFamilyFormedV1 = z.infer<typeof teamAroundTheFamilyFormedV1>;
export type EarlyHelpPlanAgreedV1 = z.infer<typeof earlyHelpPlanAgreedV1>;
export type OutcomesLadderScoredV1 = z.infer<typeof outcomesLadderScoredV1>;
export type EarlyHelpReviewedV1 = z.infer<typeof earlyHelpReviewedV1>;
export type EarlyHelpEpisodeClosedV1 = z.infer<typeof earlyHelpEpisodeClosedV1>;
