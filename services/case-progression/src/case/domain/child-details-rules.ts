import type { ChildDetailsCorrection } from '@csc/contracts';
import { DomainRuleViolation, disabilitiesKeepCensusRules } from '@csc/domain';
import type { ChildDetails } from './case.state';

/**
 * The CIN census rules on a child's details, checked on the details as a correction would leave them
 * (so a UPN given while a reason it is unknown is still recorded is refused until the reason is
 * cleared). The messages never repeat a value: the details are personal data.
 */

/** The field of the correction a rule is about: the one the caller gave, else the other it conflicts with. */
const blamed = <F extends keyof ChildDetailsCorrection>(correction: ChildDetailsCorrection, preferred: F, other: F): F =>
  correction[preferred] !== undefined ? preferred : other;

/** 8520: a child is not born after today. */
export const bornNotInFuture_8520 = (correction: ChildDetailsCorrection, today: string) => {
  if (correction.dateOfBirth && correction.dateOfBirth > today)
    throw new DomainRuleViolation('dateOfBirth', 'born-not-in-future', 'cannot be in the future', '8520');
};

/** 8525Q: a date of birth or an expected date of birth (an unborn child), never both, never neither. */
export const birthOrExpectedBirth_8525Q = (correction: ChildDetailsCorrection, after: ChildDetails) => {
  const field = blamed(correction, 'expectedDateOfBirth', 'dateOfBirth');
  if (after.dateOfBirth && after.expectedDateOfBirth)
    throw new DomainRuleViolation(
      field,
      'birth-or-expected-birth',
      'the child would have both a date of birth and an expected date of birth: give one, and clear the other with null',
      '8525Q',
    );
  if (!after.dateOfBirth && !after.expectedDateOfBirth)
    throw new DomainRuleViolation(
      field,
      'birth-or-expected-birth',
      'the child would have neither a date of birth nor an expected date of birth',
      '8525Q',
    );
};

/** A death is recorded once it has happened. */
export const deathNotInFuture = (correction: ChildDetailsCorrection, today: string) => {
  if (correction.dateOfDeath && correction.dateOfDeath > today)
    throw new DomainRuleViolation('dateOfDeath', 'death-not-in-future', 'cannot be in the future');
};

/** 8535Q: a child's date of death is not before their date of birth. */
export const deathNotBeforeBirth_8535Q = (correction: ChildDetailsCorrection, after: ChildDetails) => {
  if (after.dateOfDeath && after.dateOfBirth && after.dateOfDeath < after.dateOfBirth)
    throw new DomainRuleViolation(
      blamed(correction, 'dateOfDeath', 'dateOfBirth'),
      'death-not-before-birth',
      "the child's date of death would be before their date of birth",
      '8535Q',
    );
};

/** A UPN, or the reason it is unknown (UN1-UN7): a child with a UPN has no reason for not having one. */
export const upnOrUnknownReason = (correction: ChildDetailsCorrection, after: ChildDetails) => {
  if (after.upn && after.upnUnknownReason)
    throw new DomainRuleViolation(
      blamed(correction, 'upnUnknownReason', 'upn'),
      'upn-or-unknown-reason',
      'the child would have both a UPN and a reason it is unknown: give one, and clear the other with null',
    );
};

/** 8790 and 8794, as every write that records disabilities keeps them (libs/domain). */
export const disabilitiesKeepCensusRules_8790_8794 = (correction: ChildDetailsCorrection) =>
  disabilitiesKeepCensusRules('disabilities', correction.disabilities);
