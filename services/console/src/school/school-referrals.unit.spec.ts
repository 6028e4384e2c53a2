import {
  informationAnswerBody,
  openQuestionOf,
  schoolReferralPage,
  schoolReferralRowOf,
  type SchoolReferralRead,
} from './school-referrals';

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

  const awaiting: SchoolReferralRead = {
    referralId: 'r1',
    status: 'AWAITING_INFORMATION',
    version: 3,
    receivedAt: '2025-03-03T10:00:00Z',
    child: { givenName: 'Amelia', familyName: 'Example' },
    concerns: { summary: 'Worried.' },
    informationRequests: [
      {
        requestId: 'q1',
        question: 'Any siblings?',
        requestedAt: '2025-03-03T10:30:00Z',
        answer: 'One brother',
        answeredAt: '2025-03-03T10:45:00Z',
      },
      { requestId: 'q2', question: 'Who lives at home?', requestedAt: '2025-03-03T11:00:00Z', answer: null, answeredAt: null },
    ],
    decision: null,
  };
  const history = {
    entries: [{ at: '2025-03-03T11:00:00Z', what: 'More information provided (answer recorded)', by: { role: 'SCHOOL', org: '100001' } }],
  };

  it('says the referral was sent when the school has just sent it, and shows its history', () => {
    const page = schoolReferralPage(awaiting, history, { justSent: true, formVersion: 3 });
    expect(page.justSent).toBe(true);
    expect(page.details.find((row) => row.key.text === 'Status')?.value.text).toBe('More information needed from you');
    expect(page.informationRequests.map((request) => request.answer)).toEqual(['One brother (3 Mar 2025, 10:45)', 'Not answered yet']);
    expect(page.chronology).toEqual([
      { at: '3 Mar 2025, 11:00', what: 'More information provided (answer recorded)', by: 'SCHOOL (100001)' },
    ]);
    expect(page.pageTitle).toBe('Referral for Amelia Example');
  });

  it("offers to answer the front door's open question only while the referral waits for it", () => {
    expect(openQuestionOf(awaiting)?.question).toBe('Who lives at home?');
    expect(schoolReferralPage(awaiting, history, { formVersion: 3 }).openQuestion).toEqual({
      question: 'Who lives at home?',
      requestedAt: '3 Mar 2025, 11:00',
    });
    expect(openQuestionOf({ ...awaiting, status: 'DECIDED' })).toBeNull();
    expect(openQuestionOf({ ...awaiting, informationRequests: awaiting.informationRequests.slice(0, 1) })).toBeNull();
  });

  it('sends the answer trimmed, and an empty one as empty for the API to name', () => {
    expect(informationAnswerBody({ answer: '  Mum, and her partner at weekends. ', version: '3' })).toEqual({
      answer: 'Mum, and her partner at weekends.',
    });
    expect(informationAnswerBody({})).toEqual({ answer: '' });
  });

  it('marks the page as an error when the answer was refused', () => {
    const errors = {
      summary: [{ text: 'Your answer should not be empty', href: '#answer' }],
      byField: { answer: { text: 'Your answer should not be empty' } },
    };
    const page = schoolReferralPage(awaiting, history, { formVersion: 3, answerForm: { values: { answer: '' }, errors } });
    expect(page.pageTitle).toBe('Error: Referral for Amelia Example');
    expect(page.errorSummary).toEqual(errors.summary);
  });
});
