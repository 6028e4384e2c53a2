import { DomainRuleViolation } from './domain-errors';

/**
 * The CIN census rules on a child's list of disabilities, wherever a practitioner records it (at
 * referral, on the case): NONE stands alone (8790) and each code is listed once (8794). `field` is
 * the request's own path to the list, so the 422 names what the caller sent.
 */
export const disabilitiesKeepCensusRules = (field: string, disabilities: readonly string[] | null | undefined): void => {
  const listed = disabilities ?? [];
  if (listed.includes('NONE') && listed.length > 1) {
    throw new DomainRuleViolation(field, 'no-disability-alone', 'NONE (no disability) must be given alone', '8790');
  }
  if (new Set(listed).size < listed.length) {
    throw new DomainRuleViolation(field, 'each-disability-once', 'lists a disability code more than once', '8794');
  }
};
