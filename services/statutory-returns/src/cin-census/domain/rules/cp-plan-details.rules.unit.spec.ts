import { anEpisode } from '../../../../test/census-builders';
import { aChildWith, aCpPlan, aProtectedEpisode, findingOf, findingsOf } from '../../../../test/child-protection-builders';
import {
  initialCategoryValid_8905,
  latestCategoryValid_8910,
  noPlanAfterNfaReferral_8832,
  previousPlansCounted_8730,
  reviewsAfterPlanStart_8841,
  reviewsDated_8842Q,
} from './cp-plan-details.rules';

const withPlans = (...cpPlans: ReturnType<typeof aCpPlan>[]) => aChildWith(aProtectedEpisode({ cpPlans }));

describe('8730: a plan says how many plans the child had before', () => {
  it('passes none before, and two before', () => {
    expect(findingsOf(previousPlansCounted_8730, withPlans(aCpPlan(), aCpPlan({ numberOfPreviousCpp: 2 })))).toEqual([]);
  });

  it('flags a count that is not a whole number of plans', () => {
    expect(findingsOf(previousPlansCounted_8730, withPlans(aCpPlan({ numberOfPreviousCpp: -1 })))).toEqual([
      findingOf(previousPlansCounted_8730, 'NumberOfPreviousCPP'),
    ]);
    expect(findingsOf(previousPlansCounted_8730, withPlans(aCpPlan({ numberOfPreviousCpp: Number.NaN })))).toEqual([
      findingOf(previousPlansCounted_8730, 'NumberOfPreviousCPP'),
    ]);
  });
});

describe('8832: a referral closed with no further action has no child protection plan', () => {
  const nfa = { referralNfa: true, caseId: null, primaryNeedCode: null, assessments: [], cinPlans: [], section47s: [] };

  it('passes a referral with no further action and no plan', () => {
    expect(findingsOf(noPlanAfterNfaReferral_8832, aChildWith(anEpisode({ ...nfa, cpPlans: [] })))).toEqual([]);
  });

  it('flags the referral, once, when plans are recorded against it', () => {
    const episode = anEpisode({ ...nfa, caseId: '00000000-0000-4000-8000-0000000000c9', cpPlans: [aCpPlan(), aCpPlan()] });
    expect(findingsOf(noPlanAfterNfaReferral_8832, aChildWith(episode))).toEqual([
      findingOf(noPlanAfterNfaReferral_8832, 'ReferralNFA', episode),
    ]);
  });

  it('names no case when the referral opened none', () => {
    const findings = findingsOf(noPlanAfterNfaReferral_8832, aChildWith(anEpisode({ ...nfa, cpPlans: [aCpPlan()] })));
    expect(findings).toEqual([findingOf(noPlanAfterNfaReferral_8832, 'ReferralNFA', null)]);
  });
});

describe('8841: a review is after the day the plan started', () => {
  it('passes a review the day after the plan started', () => {
    expect(findingsOf(reviewsAfterPlanStart_8841, withPlans(aCpPlan({ reviewDates: ['2025-05-30'] })))).toEqual([]);
  });

  it('flags a review on the day the plan started, once per review', () => {
    const findings = findingsOf(reviewsAfterPlanStart_8841, withPlans(aCpPlan({ reviewDates: ['2025-05-29', '2025-08-28'] })));
    expect(findings).toEqual([findingOf(reviewsAfterPlanStart_8841, 'CPPreviewDate')]);
    expect(findings[0].message).toContain('review 2025-05-29');
  });
});

describe('8842Q: every review has a date', () => {
  it('passes a plan with dated reviews, and one with none yet', () => {
    expect(findingsOf(reviewsDated_8842Q, withPlans(aCpPlan(), aCpPlan({ reviewDates: [] })))).toEqual([]);
  });

  it('queries a review with an empty date', () => {
    expect(findingsOf(reviewsDated_8842Q, withPlans(aCpPlan({ reviewDates: ['2025-08-28', ''] })))).toEqual([
      findingOf(reviewsDated_8842Q, 'CPPreviewDate'),
    ]);
  });
});

describe('8905: the initial category of abuse is a census code', () => {
  it('passes NEG and MUL', () => {
    expect(findingsOf(initialCategoryValid_8905, withPlans(aCpPlan(), aCpPlan({ initialCategory: 'MUL' })))).toEqual([]);
  });

  it('flags a code that is not in the category of abuse table, and a missing one', () => {
    expect(findingsOf(initialCategoryValid_8905, withPlans(aCpPlan({ initialCategory: 'NE' })))).toEqual([
      findingOf(initialCategoryValid_8905, 'InitialCategoryOfAbuse'),
    ]);
    expect(findingsOf(initialCategoryValid_8905, withPlans(aCpPlan({ initialCategory: '' })))).toEqual([
      findingOf(initialCategoryValid_8905, 'InitialCategoryOfAbuse'),
    ]);
  });
});

describe('8910: the latest category of abuse is a census code', () => {
  it('passes EMO', () => {
    expect(findingsOf(latestCategoryValid_8910, withPlans(aCpPlan({ latestCategory: 'EMO' })))).toEqual([]);
  });

  it('flags a lower-case code', () => {
    expect(findingsOf(latestCategoryValid_8910, withPlans(aCpPlan({ latestCategory: 'emo' })))).toEqual([
      findingOf(latestCategoryValid_8910, 'LatestCategoryOfAbuse'),
    ]);
  });
});
