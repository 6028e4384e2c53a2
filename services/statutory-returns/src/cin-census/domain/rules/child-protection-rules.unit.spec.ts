import { aChild, aReturn } from '../../../../test/census-builders';
import { aChildWith, aCpPlan, aLaterEpisode, aProtectedEpisode, anEnquiry } from '../../../../test/child-protection-builders';
import { CHILD_PROTECTION_RULES } from './child-protection-rules';

const CODES =
  '1104 1105 2883 2884 2885 2889 4001 4003 4016 4017 8615 8675Q 8715 8720 8730 8740 8832 8839 8840 8841 8842Q 8868 8870Q 8875 8890 8905 8910 8915 8920 8925 8930 8935 8940';
const findingsOf = (...children: ReturnType<typeof aChild>[]) => CHILD_PROTECTION_RULES.flatMap((rule) => rule.check(aReturn(children)));

describe('the child protection rules', () => {
  it('are every rule on enquiries, conferences and plans, once each, in code order', () => {
    expect(CHILD_PROTECTION_RULES.map((rule) => rule.code)).toEqual(CODES.split(' '));
  });

  it('find nothing wrong with a child in need who never needed protecting', () => {
    expect(findingsOf(aChild())).toEqual([]);
  });

  it('find nothing wrong with a child stepped up from a CIN plan to a CP plan at a conference and back down at a review', () => {
    const stepUpAndDown = aProtectedEpisode({
      cinPlans: [
        { startDate: '2025-05-20', endDate: '2025-05-29' },
        { startDate: '2025-11-27', endDate: null },
      ],
      cpPlans: [aCpPlan({ endDate: '2025-11-27', reviewDates: ['2025-08-28', '2025-11-27'] })],
    });
    expect(findingsOf(aChildWith(stepUpAndDown))).toEqual([]);
  });

  it('find nothing wrong with a second episode whose enquiry needed no conference, or whose conference had no enquiry', () => {
    const first = aProtectedEpisode({
      cinClosureDate: '2025-09-30',
      reasonForClosure: 'RC7',
      cpPlans: [aCpPlan({ endDate: '2025-09-30' })],
    });
    const noConference = aLaterEpisode({
      section47s: [anEnquiry({ startDate: '2025-10-07', initialCpcTarget: '2025-10-28', dateOfInitialCpc: null, icpcNotRequired: true })],
    });
    const conferenceWithoutEnquiry = aLaterEpisode({
      dateOfInitialCpc: '2025-10-30',
      cpPlans: [aCpPlan({ startDate: '2025-10-30', reviewDates: [] })],
    });
    expect(findingsOf(aChildWith(first, noConference))).toEqual([]);
    expect(findingsOf(aChildWith(first, conferenceWithoutEnquiry))).toEqual([]);
  });
});
