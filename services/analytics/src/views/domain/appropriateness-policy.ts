import { REFERRAL_OUTCOMES, type ReferralOutcome } from '@csc/contracts';

export type Appropriateness = 'APPROPRIATE' | 'EARLY_HELP_NEED' | 'INAPPROPRIATE';
export type AppropriatenessPolicy = Record<ReferralOutcome, Appropriateness>;

/** docs/domain.md's default: did the referral need the front door? */
export const DEFAULT_APPROPRIATENESS_POLICY: AppropriatenessPolicy = {
  ACCEPTED_FOR_ASSESSMENT: 'APPROPRIATE',
  ALREADY_OPEN: 'APPROPRIATE',
  STEP_DOWN_TO_EARLY_HELP: 'EARLY_HELP_NEED',
  NFA: 'INAPPROPRIATE',
  SIGNPOSTED: 'INAPPROPRIATE',
  ADVICE_AND_INFORMATION: 'INAPPROPRIATE',
};

/**
 * A local authority's own policy from configuration, e.g. `NFA=EARLY_HELP_NEED,SIGNPOSTED=APPROPRIATE`:
 * the outcomes it names change, the rest keep the default.
 */
export const appropriatenessPolicyFrom = (configured: string | undefined): AppropriatenessPolicy => {
  const policy = { ...DEFAULT_APPROPRIATENESS_POLICY };
  for (const entry of (configured ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [outcome, category] = entry.split('=').map((part) => part.trim());
    if (!(REFERRAL_OUTCOMES as readonly string[]).includes(outcome)) throw new Error(`appropriateness policy: unknown outcome ${outcome}`);
    if (!['APPROPRIATE', 'EARLY_HELP_NEED', 'INAPPROPRIATE'].includes(category))
      throw new Error(`appropriateness policy: unknown category ${category}`);
    policy[outcome as ReferralOutcome] = category as Appropriateness;
  }
  return policy;
};

/** A count beside what it is out of, and the rate, so a reader can check and combine them. */
export interface Proportion {
  count: number;
  of: number;
  rate: number | null;
}

export const proportion = (count: number, of: number): Proportion => ({
  count,
  of,
  rate: of === 0 ? null : Math.round((count / of) * 10_000) / 10_000,
});
