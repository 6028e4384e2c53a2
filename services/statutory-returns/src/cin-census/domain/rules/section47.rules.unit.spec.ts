import { aChildWith, aProtectedEpisode, anEnquiry, findingOf, findingsOf } from '../../../../test/child-protection-builders';
import {
  awaitingEnquiryStartedInYear_8740,
  closedEpisodeEnquiriesConcluded_8868,
  conferenceTargetNotOnWeekend_8870Q,
  noEnquiryStartsDuringAnother_8890,
  oneEnquiryAwaitingConference_8839,
  overdueConferenceMissing_8675Q,
  s47NotBeforeReferral_2889,
  s47StartedByConference_8615,
} from './section47.rules';

const withEnquiries = (...section47s: ReturnType<typeof anEnquiry>[]) => aChildWith(aProtectedEpisode({ section47s, cpPlans: [] }));
const awaiting = (startDate: string) => anEnquiry({ startDate, initialCpcTarget: null, dateOfInitialCpc: null });

describe('2889: an S47 enquiry starts on or after the referral', () => {
  it('passes an enquiry started two days after the referral', () => {
    expect(findingsOf(s47NotBeforeReferral_2889, withEnquiries(anEnquiry()))).toEqual([]);
  });

  it('flags an enquiry started the day before the referral', () => {
    const findings = findingsOf(s47NotBeforeReferral_2889, withEnquiries(anEnquiry({ startDate: '2025-05-05' })));
    expect(findings).toEqual([findingOf(s47NotBeforeReferral_2889, 'S47ActualStartDate')]);
    expect(findings[0].message).toContain('S47 started 2025-05-05');
  });
});

describe('8615: an S47 enquiry starts on or before its conference', () => {
  it('passes an enquiry whose conference was on its 14th working day, or on the day it started', () => {
    expect(findingsOf(s47StartedByConference_8615, withEnquiries(anEnquiry()))).toEqual([]);
    expect(findingsOf(s47StartedByConference_8615, withEnquiries(anEnquiry({ startDate: '2025-05-29' })))).toEqual([]);
  });

  it('flags an enquiry recorded as starting the day after its conference, and one with no start date', () => {
    expect(findingsOf(s47StartedByConference_8615, withEnquiries(anEnquiry({ startDate: '2025-05-30' })))).toEqual([
      findingOf(s47StartedByConference_8615, 'S47ActualStartDate'),
    ]);
    expect(findingsOf(s47StartedByConference_8615, withEnquiries(anEnquiry({ startDate: '' })))).toEqual([
      findingOf(s47StartedByConference_8615, 'S47ActualStartDate'),
    ]);
  });
});

describe('8675Q: an enquiry started more than 15 working days before 31 March has a conference or a decision not to hold one', () => {
  it('passes an enquiry still awaiting its conference that started 15 working days before 31 March 2026', () => {
    expect(findingsOf(overdueConferenceMissing_8675Q, withEnquiries(awaiting('2026-03-10')))).toEqual([]);
  });

  it('passes an older enquiry that concluded no conference was needed', () => {
    expect(findingsOf(overdueConferenceMissing_8675Q, withEnquiries({ ...awaiting('2025-05-08'), icpcNotRequired: true }))).toEqual([]);
  });

  it('queries an enquiry awaiting its conference that started 16 working days before 31 March 2026', () => {
    expect(findingsOf(overdueConferenceMissing_8675Q, withEnquiries(awaiting('2026-03-09')))).toEqual([
      findingOf(overdueConferenceMissing_8675Q, 'DateOfInitialCPC'),
    ]);
  });
});

describe('8740: an enquiry still awaiting its conference at 31 March started in the year', () => {
  it('passes one started in March 2026, and one from the year before that has had its conference', () => {
    expect(findingsOf(awaitingEnquiryStartedInYear_8740, withEnquiries(awaiting('2026-03-20')))).toEqual([]);
    expect(findingsOf(awaitingEnquiryStartedInYear_8740, withEnquiries(anEnquiry({ startDate: '2025-03-20' })))).toEqual([]);
  });

  it('flags one awaiting its conference since March 2025', () => {
    expect(findingsOf(awaitingEnquiryStartedInYear_8740, withEnquiries(awaiting('2025-03-20')))).toEqual([
      findingOf(awaitingEnquiryStartedInYear_8740, 'S47ActualStartDate'),
    ]);
  });
});

describe('8839: at most one enquiry per episode awaits a conference', () => {
  it('passes one awaiting beside one that needed no conference', () => {
    const done = { ...awaiting('2025-05-08'), icpcNotRequired: true };
    expect(findingsOf(oneEnquiryAwaitingConference_8839, withEnquiries(done, awaiting('2026-03-20')))).toEqual([]);
  });

  it('flags the episode once when two await one', () => {
    const findings = findingsOf(oneEnquiryAwaitingConference_8839, withEnquiries(awaiting('2026-03-02'), awaiting('2026-03-20')));
    expect(findings).toEqual([findingOf(oneEnquiryAwaitingConference_8839, 'DateOfInitialCPC')]);
    expect(findings[0].message).toContain('S47s started 2026-03-02, 2026-03-20');
  });
});

describe('8868: a closed episode has no enquiry left without an outcome', () => {
  const closed = { cinClosureDate: '2026-01-15', reasonForClosure: 'RC7', cpPlans: [] };

  it('passes a closed episode whose enquiry held its conference', () => {
    expect(findingsOf(closedEpisodeEnquiriesConcluded_8868, aChildWith(aProtectedEpisode(closed)))).toEqual([]);
  });

  it('passes an open episode whose enquiry awaits its conference', () => {
    expect(findingsOf(closedEpisodeEnquiriesConcluded_8868, withEnquiries(awaiting('2026-03-20')))).toEqual([]);
  });

  it('flags a closed episode whose enquiry has neither a conference nor a decision not to hold one', () => {
    const child = aChildWith(aProtectedEpisode({ ...closed, section47s: [awaiting('2025-12-01')] }));
    expect(findingsOf(closedEpisodeEnquiriesConcluded_8868, child)).toEqual([
      findingOf(closedEpisodeEnquiriesConcluded_8868, 'CINclosureDate'),
    ]);
  });

  it('flags a closed episode whose enquiry has both, which contradict each other', () => {
    const child = aChildWith(aProtectedEpisode({ ...closed, section47s: [anEnquiry({ icpcNotRequired: true })] }));
    expect(findingsOf(closedEpisodeEnquiriesConcluded_8868, child)).toEqual([
      findingOf(closedEpisodeEnquiriesConcluded_8868, 'CINclosureDate'),
    ]);
  });
});

describe('8870Q: the conference target date is a weekday', () => {
  it('passes a target on Friday 2025-05-30, and an enquiry with no target', () => {
    expect(findingsOf(conferenceTargetNotOnWeekend_8870Q, withEnquiries(anEnquiry(), awaiting('2026-03-20')))).toEqual([]);
  });

  it('queries a target on Saturday 2025-05-31', () => {
    expect(findingsOf(conferenceTargetNotOnWeekend_8870Q, withEnquiries(anEnquiry({ initialCpcTarget: '2025-05-31' })))).toEqual([
      findingOf(conferenceTargetNotOnWeekend_8870Q, 'InitialCPCtarget'),
    ]);
  });
});

describe('8890: no enquiry starts while another in the episode is ongoing', () => {
  it('passes a second enquiry started after the first one’s conference', () => {
    const later = anEnquiry({ startDate: '2025-06-02', initialCpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: true });
    expect(findingsOf(noEnquiryStartsDuringAnother_8890, withEnquiries(anEnquiry(), later))).toEqual([]);
  });

  it('passes one started after an enquiry that needed no conference, which has no recorded end', () => {
    const done = { ...awaiting('2025-05-08'), icpcNotRequired: true };
    expect(findingsOf(noEnquiryStartsDuringAnother_8890, withEnquiries(done, awaiting('2026-03-20')))).toEqual([]);
  });

  it('flags the enquiry that started before the first one’s conference, not the first one', () => {
    const findings = findingsOf(noEnquiryStartsDuringAnother_8890, withEnquiries(anEnquiry(), awaiting('2025-05-29')));
    expect(findings).toEqual([findingOf(noEnquiryStartsDuringAnother_8890, 'S47ActualStartDate')]);
    expect(findings[0].message).toContain('S47 started 2025-05-29');
  });

  it('flags an enquiry started while another still awaits its conference', () => {
    const findings = findingsOf(noEnquiryStartsDuringAnother_8890, withEnquiries(awaiting('2026-03-02'), awaiting('2026-03-20')));
    expect(findings).toEqual([findingOf(noEnquiryStartsDuringAnother_8890, 'S47ActualStartDate')]);
    expect(findings[0].message).toContain('S47 started 2026-03-20');
  });
});
