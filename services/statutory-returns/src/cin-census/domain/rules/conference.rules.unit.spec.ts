import { aReturn } from '../../../../test/census-builders';
import {
  aChildWith,
  aCpPlan,
  aLaterEpisode,
  aProtectedEpisode,
  anEnquiry,
  findingOf,
  findingsOf,
} from '../../../../test/child-protection-builders';
import {
  conferenceInYear_8715,
  conferenceNotBeforeReferral_1104,
  conferenceNotOnWeekend_8875,
  conferenceRecordedOnce_2884,
  planStartsAtConference_2885,
  plansNotOutnumberConferences_2883,
} from './conference.rules';

/** A conference held without an enquiry sits on the episode (CINdetails) rather than on an S47. */
const conferenceWithoutEnquiry = (dateOfInitialCpc: string) => aChildWith(aProtectedEpisode({ section47s: [], dateOfInitialCpc }));

describe('1104: an initial conference is on or after the referral', () => {
  it('passes conferences after the referral, on an enquiry or on the episode', () => {
    expect(findingsOf(conferenceNotBeforeReferral_1104, aChildWith(aProtectedEpisode()))).toEqual([]);
    expect(findingsOf(conferenceNotBeforeReferral_1104, conferenceWithoutEnquiry('2025-05-29'))).toEqual([]);
  });

  it('flags an enquiry’s conference before the referral', () => {
    const child = aChildWith(aProtectedEpisode({ section47s: [anEnquiry({ startDate: '2025-05-01', dateOfInitialCpc: '2025-05-02' })] }));
    expect(findingsOf(conferenceNotBeforeReferral_1104, child)).toEqual([findingOf(conferenceNotBeforeReferral_1104, 'DateOfInitialCPC')]);
  });

  it('flags a conference held without an enquiry before the referral', () => {
    expect(findingsOf(conferenceNotBeforeReferral_1104, conferenceWithoutEnquiry('2025-05-02'))).toEqual([
      findingOf(conferenceNotBeforeReferral_1104, 'DateOfInitialCPC'),
    ]);
  });
});

describe('2883: across the return, no more plans start in the year than initial conferences are held', () => {
  it('passes a plan started at a conference, and a plan from the year before with no conference this year', () => {
    expect(plansNotOutnumberConferences_2883.check(aReturn([aChildWith(aProtectedEpisode())]))).toEqual([]);
    const carriedOver = aChildWith(aProtectedEpisode({ section47s: [], cpPlans: [aCpPlan({ startDate: '2025-03-20' })] }));
    expect(plansNotOutnumberConferences_2883.check(aReturn([carriedOver]))).toEqual([]);
  });

  it('flags the return, not a child, when a plan starts in the year with no conference anywhere', () => {
    const findings = plansNotOutnumberConferences_2883.check(aReturn([aChildWith(aProtectedEpisode({ section47s: [] }))]));
    expect(findings).toEqual([
      {
        rule: '2883',
        severity: 'ERROR',
        childId: null,
        laChildId: null,
        field: 'CPPstartDate',
        message: expect.stringContaining(plansNotOutnumberConferences_2883.text),
      },
    ]);
    expect(findings[0].message).toContain('plans starting: 1, initial conferences: 0');
  });
});

describe('2884: a conference is recorded on its enquiry or on the episode, not both', () => {
  it('passes a conference recorded only on its enquiry', () => {
    expect(findingsOf(conferenceRecordedOnce_2884, aChildWith(aProtectedEpisode()))).toEqual([]);
  });

  it('flags the episode that records its enquiry’s conference again', () => {
    const child = aChildWith(aProtectedEpisode({ dateOfInitialCpc: '2025-05-29' }));
    expect(findingsOf(conferenceRecordedOnce_2884, child)).toEqual([findingOf(conferenceRecordedOnce_2884, 'DateOfInitialCPC')]);
  });
});

describe('2885: a plan starting in the year starts on the day of its conference', () => {
  it('passes a plan started at its enquiry’s conference', () => {
    expect(findingsOf(planStartsAtConference_2885, aChildWith(aProtectedEpisode()))).toEqual([]);
  });

  it('passes a plan started at a conference held without an enquiry, or after an enquiry that needed none', () => {
    expect(findingsOf(planStartsAtConference_2885, conferenceWithoutEnquiry('2025-05-29'))).toEqual([]);
    const noConferenceNeeded = anEnquiry({ startDate: '2025-05-08', dateOfInitialCpc: null, icpcNotRequired: true });
    const child = aChildWith(aProtectedEpisode({ section47s: [noConferenceNeeded], dateOfInitialCpc: '2025-05-29' }));
    expect(findingsOf(planStartsAtConference_2885, child)).toEqual([]);
  });

  it('passes a plan that started before the year', () => {
    const child = aChildWith(aProtectedEpisode({ section47s: [], cpPlans: [aCpPlan({ startDate: '2025-03-20' })] }));
    expect(findingsOf(planStartsAtConference_2885, child)).toEqual([]);
  });

  it('flags a plan started the working day after its conference', () => {
    const findings = findingsOf(
      planStartsAtConference_2885,
      aChildWith(aProtectedEpisode({ cpPlans: [aCpPlan({ startDate: '2025-05-30' })] })),
    );
    expect(findings).toEqual([findingOf(planStartsAtConference_2885, 'CPPstartDate')]);
    expect(findings[0].message).toContain('plan started 2025-05-30');
  });

  it('flags a plan in an episode whose conference sits in another episode', () => {
    const child = aChildWith(
      aProtectedEpisode({ cinClosureDate: '2025-09-30', reasonForClosure: 'RC7', cpPlans: [] }),
      aLaterEpisode({ cpPlans: [aCpPlan()] }),
    );
    expect(findingsOf(planStartsAtConference_2885, child)).toEqual([
      findingOf(planStartsAtConference_2885, 'CPPstartDate', aLaterEpisode()),
    ]);
  });
});

describe('8715: an initial conference is held in the census year', () => {
  it('passes a conference in May 2025', () => {
    expect(findingsOf(conferenceInYear_8715, aChildWith(aProtectedEpisode()))).toEqual([]);
  });

  it('flags an enquiry’s conference in March 2025 and one on the episode in April 2026', () => {
    const earlier = anEnquiry({ startDate: '2025-03-10', dateOfInitialCpc: '2025-03-27' });
    expect(findingsOf(conferenceInYear_8715, aChildWith(aProtectedEpisode({ section47s: [earlier] })))).toEqual([
      findingOf(conferenceInYear_8715, 'DateOfInitialCPC'),
    ]);
    expect(findingsOf(conferenceInYear_8715, conferenceWithoutEnquiry('2026-04-01'))).toEqual([
      findingOf(conferenceInYear_8715, 'DateOfInitialCPC'),
    ]);
  });
});

describe('8875: an initial conference is never on a weekend', () => {
  it('passes a conference on Thursday 2025-05-29', () => {
    expect(findingsOf(conferenceNotOnWeekend_8875, aChildWith(aProtectedEpisode()))).toEqual([]);
  });

  it('flags a conference on an enquiry on Saturday 2025-05-31, and one on the episode on Sunday 2025-06-01', () => {
    const onSaturday = aChildWith(aProtectedEpisode({ section47s: [anEnquiry({ dateOfInitialCpc: '2025-05-31' })] }));
    expect(findingsOf(conferenceNotOnWeekend_8875, onSaturday)).toEqual([findingOf(conferenceNotOnWeekend_8875, 'DateOfInitialCPC')]);
    expect(findingsOf(conferenceNotOnWeekend_8875, conferenceWithoutEnquiry('2025-06-01'))).toEqual([
      findingOf(conferenceNotOnWeekend_8875, 'DateOfInitialCPC'),
    ]);
  });
});
