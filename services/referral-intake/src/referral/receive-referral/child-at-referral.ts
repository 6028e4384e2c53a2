import type { CoarseChild, Sex } from '@csc/contracts';
import { DomainRuleViolation, addDays, ageInYears, normaliseNhsNumber, postcodeDistrictOf } from '@csc/domain';
import type { ChildIdentity } from '../../child-index/domain/child-matching';

export interface ReferredChild {
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  expectedDateOfBirth?: string;
  sex: Sex;
  nhsNumber?: string;
  upn?: string;
  postcode?: string;
  schoolUrn?: string;
}

// CIN rule 8606: a referral may come up to 40 weeks before an unborn child's expected date.
const UNBORN_WINDOW_DAYS = 40 * 7;

/**
 * The child as of the referral's date: the identity the child index matches on and the coarse
 * attributes analytics may keep. With `checkBirthDates` (a referral taken at the front door), the
 * rules relating birth to referral are kept (CIN census 8520, 8606); a referral made from an event
 * (a step-up from early help) takes the child as early help knew it.
 */
export const childAtReferral = (
  child: ReferredChild,
  referralDate: string,
  { checkBirthDates = true }: { checkBirthDates?: boolean } = {},
): { identity: ChildIdentity; coarse: CoarseChild } => {
  const unborn = child.dateOfBirth === undefined;
  const birth = child.dateOfBirth ?? child.expectedDateOfBirth!;
  if (checkBirthDates) checkBirthAgainstReferral(unborn, birth, referralDate);
  return {
    identity: {
      givenName: child.givenName,
      familyName: child.familyName,
      dateOfBirth: birth,
      unborn,
      sex: child.sex,
      nhsNumber: child.nhsNumber ? normaliseNhsNumber(child.nhsNumber) : null,
      upn: child.upn ? child.upn.toUpperCase() : null,
      postcodeDistrict: child.postcode ? postcodeDistrictOf(child.postcode) : null,
    },
    coarse: {
      ageAtReferral: unborn ? null : Math.max(0, ageInYears(birth, referralDate)),
      unborn,
      sex: child.sex,
      schoolUrn: child.schoolUrn ?? null,
    },
  };
};

const checkBirthAgainstReferral = (unborn: boolean, birth: string, referralDate: string) => {
  if (!unborn && birth > referralDate) {
    throw new DomainRuleViolation(
      'child.dateOfBirth',
      'born-by-referral',
      'cannot be after the referral date; for an unborn child give expectedDateOfBirth',
      '8520',
    );
  }
  if (unborn && birth < referralDate) {
    throw new DomainRuleViolation(
      'child.expectedDateOfBirth',
      'unborn-at-referral',
      'is before the referral date: the child is born, give dateOfBirth',
    );
  }
  if (unborn && birth > addDays(referralDate, UNBORN_WINDOW_DAYS)) {
    throw new DomainRuleViolation('child.expectedDateOfBirth', 'within-40-weeks', 'is more than 40 weeks after the referral', '8606');
  }
};
