import { schoolReferralPage, schoolReferralRowOf } from './school-referrals';

describe("the school's referrals", () => {
  it('shows a decision as the category the school may be told, and an undecided one as such', () => {
    const item = {
      referralId: 'r1',
      status: 'DECIDED',
      receivedAt: '2025-03-03T10:00:00Z',
      child: { givenName: 'Amelia', familyName: 'Example' },
    };
    expect(schoolReferralRowOf(item, { category: 'EARLY_HELP_OFFERED', decidedAt: '2025-03-04T09:00:00Z' })).toMatchObject({
      childName: 'Amelia Example',
      status: 'Decided',
      decision: 'Early help offered (4 Mar 2025, 09:00)',
    });
    expect(schoolReferralRowOf({ ...item, status: 'RECEIVED', child: null }).decision).toBe('Not decided yet');
  });

  it('says the referral was sent when the school has just sent it', () => {
    const page = schoolReferralPage(
      {
        referralId: 'r1',
        status: 'AWAITING_INFORMATION',
        receivedAt: '2025-03-03T10:00:00Z',
        child: { givenName: 'Amelia', familyName: 'Example' },
        concerns: { summary: 'Worried.' },
        informationRequests: [{ question: 'Who lives at home?', requestedAt: '2025-03-03T11:00:00Z', answer: null, answeredAt: null }],
        decision: null,
      },
      true,
    );
    expect(page.justSent).toBe(true);
    expect(page.details.find((row) => row.key.text === 'Status')?.value.text).toBe('More information needed from you');
    expect(page.informationRequests[0].answer).toBe('Not answered yet');
  });
});
