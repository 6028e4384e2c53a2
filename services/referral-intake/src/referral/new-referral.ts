import type { ChildCharacteristics, ChildMatchedV1, ReferralReceivedV2, ReferralSource, ReferrerSubject } from '@csc/contracts';
import type { ChildMatch } from '../child-index/domain/child-matching';
import type { ReferredChild } from './receive-referral/child-at-referral';
import type { childAtReferral } from './receive-referral/child-at-referral';

export interface NewReferral {
  referralId: string;
  childId: string;
  receivedAt: Date;
  source: ReferralSource;
  referrerOrganisationId: string | null;
  child: ReferredChild;
  resolved: ReturnType<typeof childAtReferral>;
  /** What the referrer knows of the child's census characteristics: only the fields given. */
  characteristics: ChildCharacteristics;
  referrer: ReferrerSubject;
  concernsSummary: string;
  factors: ReferralReceivedV2['factors'];
  consentGiven: boolean;
  consentNotRequiredReason?: string;
  steppedUpFromEarlyHelpEpisodeId: string | null;
}

/** The ReferralReceived fact, however the referral arrived (the front door's API, a step-up from early help). */
export const referralReceivedOf = (referral: NewReferral): ReferralReceivedV2 => ({
  referralId: referral.referralId,
  childId: referral.childId,
  receivedAt: referral.receivedAt.toISOString(),
  source: referral.source,
  referrerOrganisationId: referral.referrerOrganisationId,
  child: referral.resolved.coarse,
  factors: referral.factors,
  consent: { given: referral.consentGiven },
  steppedUpFromEarlyHelpEpisodeId: referral.steppedUpFromEarlyHelpEpisodeId,
  subject: {
    child: withoutUndefined({
      givenName: referral.child.givenName,
      familyName: referral.child.familyName,
      dateOfBirth: referral.child.dateOfBirth,
      expectedDateOfBirth: referral.child.expectedDateOfBirth,
      nhsNumber: referral.resolved.identity.nhsNumber ?? undefined,
      upn: referral.resolved.identity.upn ?? undefined,
      postcode: referral.child.postcode?.toUpperCase(),
    }),
    characteristics: withoutUndefined({
      ...referral.characteristics,
      formerUpn: referral.characteristics.formerUpn?.toUpperCase(),
    }),
    referrer: withoutUndefined(referral.referrer),
    concernsSummary: referral.concernsSummary,
    ...(referral.consentNotRequiredReason ? { consentNotRequiredReason: referral.consentNotRequiredReason } : {}),
  },
});

export const childMatchedOf = (referralId: string, childId: string, match: ChildMatch | { rule: 'EARLY_HELP_LINK' }): ChildMatchedV1 => {
  if (match.rule === 'EARLY_HELP_LINK') {
    return {
      referralId,
      childId,
      rule: 'EARLY_HELP_LINK',
      matchedExistingChild: true,
      matchedReferralId: null,
      givenNameComparison: null,
      nearMissChildIds: [],
    };
  }
  return {
    referralId,
    childId,
    rule: match.rule,
    matchedExistingChild: match.matchedExistingChild,
    matchedReferralId: match.matchedExistingChild ? match.matchedReferralId : null,
    givenNameComparison: match.matchedExistingChild ? match.givenNameComparison : null,
    nearMissChildIds: match.nearMissChildIds,
  };
};

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
