import type { CaseOpenedV1 } from '@csc/contracts';
import type { CaseEvent } from '../case.decider';
import { describeCaseEvent } from './case-chronology';

const CASE = '0c0c0c0c-0000-4000-8000-000000000001';
const CHILD = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const REFERRAL = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const ID = 'a1a1a1a1-0000-4000-8000-000000000001';
const opened: CaseOpenedV1 = {
  caseId: CASE,
  childId: CHILD,
  referralId: REFERRAL,
  referralDate: '2025-01-03',
  primaryNeed: 'N1',
  source: '2A',
  referrerOrganisationId: '100001',
  child: { ageAtReferral: 10, unborn: false, sex: 'F', schoolUrn: '100001' },
  consentGiven: true,
  subject: { child: { givenName: 'Amelia', familyName: 'Testchild', dateOfBirth: '2014-06-01' } },
};
const socialWorker = { name: 'Jo Worker', team: 'Central', phone: '01253 000000' };

// One of each event type of a case, with the sentence it makes: the compiler fails this file when a type is added without one.
const ONE_OF_EACH: { [T in CaseEvent['type']]: [Extract<CaseEvent, { type: T }>, string] } = {
  CaseOpened: [
    { type: 'CaseOpened', data: opened },
    'Case opened from the referral of 2025-01-03 (primary need N1: abuse or neglect; source 2A: schools)',
  ],
  ReferralAttachedToCase: [
    {
      type: 'ReferralAttachedToCase',
      data: { caseId: CASE, childId: CHILD, referralId: ID, referralDate: '2025-02-03', source: '6', referrerOrganisationId: null },
    },
    'A further referral of 2025-02-03 joined the open case (source 6: police)',
  ],
  AssessmentStarted: [
    { type: 'AssessmentStarted', data: { caseId: CASE, assessmentId: ID, startedOn: '2025-01-06' } },
    'Assessment started on 2025-01-06',
  ],
  AssessmentCompleted: [
    {
      type: 'AssessmentCompleted',
      data: {
        caseId: CASE,
        assessmentId: ID,
        authorisedOn: '2025-03-10',
        factors: ['16A', '3A'],
        outcome: 'STRATEGY_DISCUSSION',
        workingDaysFromReferral: 46,
        withinTimescale: false,
        stepDown: null,
        subject: null,
      },
    },
    'Assessment authorised on 2025-03-10: a strategy discussion is needed; factors 16A, 3A; 46 working days from the referral (outside the 45-day timescale)',
  ],
  StrategyDiscussionHeld: [
    { type: 'StrategyDiscussionHeld', data: { caseId: CASE, strategyDiscussionId: ID, heldOn: '2025-01-07', section47Id: ID } },
    'Strategy discussion held on 2025-01-07: Section 47 enquiry started',
  ],
  Section47Concluded: [
    { type: 'Section47Concluded', data: { caseId: CASE, section47Id: ID, concludedOn: '2025-01-17', icpcRequired: true } },
    'Section 47 enquiry concluded on 2025-01-17: initial child protection conference needed',
  ],
  ChildProtectionConferenceHeld: [
    {
      type: 'ChildProtectionConferenceHeld',
      data: {
        caseId: CASE,
        conferenceId: ID,
        heldOn: '2025-01-27',
        section47Id: ID,
        childProtectionPlan: true,
        workingDaysFromStrategyDiscussion: 14,
        withinTimescale: true,
      },
    },
    'Initial child protection conference held on 2025-01-27: child protection plan needed; 14 working days from the strategy discussion (within the 15-day timescale)',
  ],
  ChildProtectionPlanStarted: [
    {
      type: 'ChildProtectionPlanStarted',
      data: { caseId: CASE, planId: ID, conferenceId: ID, startedOn: '2025-01-27', category: 'NEG', namedSocialWorker: socialWorker },
    },
    'Child protection plan started on 2025-01-27 (category NEG: neglect); named social worker recorded',
  ],
  ChildProtectionPlanReviewed: [
    { type: 'ChildProtectionPlanReviewed', data: { caseId: CASE, planId: ID, heldOn: '2025-04-25', latestCategory: 'MUL' } },
    'Child protection plan reviewed on 2025-04-25 (category MUL: multiple)',
  ],
  ChildProtectionPlanEnded: [
    { type: 'ChildProtectionPlanEnded', data: { caseId: CASE, planId: ID, endedOn: '2025-06-25' } },
    'Child protection plan ended on 2025-06-25',
  ],
  ChildInNeedPlanStarted: [
    { type: 'ChildInNeedPlanStarted', data: { caseId: CASE, planId: ID, startedOn: '2025-06-25' } },
    'Child in need plan started on 2025-06-25',
  ],
  ChildInNeedPlanEnded: [
    { type: 'ChildInNeedPlanEnded', data: { caseId: CASE, planId: ID, endedOn: '2025-09-01' } },
    'Child in need plan ended on 2025-09-01',
  ],
  BecameLookedAfter: [
    { type: 'BecameLookedAfter', data: { caseId: CASE, periodId: ID, startedOn: '2025-02-01', legalStatus: 'C2' } },
    'Became looked after on 2025-02-01 (legal status C2)',
  ],
  CeasedToBeLookedAfter: [
    { type: 'CeasedToBeLookedAfter', data: { caseId: CASE, periodId: ID, endedOn: '2025-03-01', reason: 'E13' } },
    'Ceased to be looked after on 2025-03-01 (reason E13)',
  ],
  CaseClosed: [
    {
      type: 'CaseClosed',
      data: { caseId: CASE, closedOn: '2025-09-30', reason: 'RC7', referralDate: '2025-01-03', stepDown: null, subject: null },
    },
    'Case closed on 2025-09-30 (RC7: services ceased for any other reason, including child no longer in need)',
  ],
  ChildCharacteristicsRecorded: [
    {
      type: 'ChildCharacteristicsRecorded',
      data: { caseId: CASE, childId: CHILD, recordedOn: '2025-06-01', subject: { ethnicity: 'WBRI', disabilities: ['AUT'] } },
    },
    "The child's census details were recorded or corrected on 2025-06-01",
  ],
};

describe('a case in plain words, for the social workers and front door who may read it', () => {
  it.each(Object.entries(ONE_OF_EACH))('words %s with its codes, dates and outcome', (_type, [event, sentence]) => {
    expect(describeCaseEvent(event)).toBe(sentence);
  });

  it('carries no personal data: not the child, their census details, nor the named social worker', () => {
    const all = Object.values(ONE_OF_EACH)
      .map(([event]) => describeCaseEvent(event))
      .join('\n');
    expect(all).not.toMatch(/Amelia|Testchild|2014-06-01|WBRI|AUT\b|Jo Worker|Central|01253/);
  });

  it('words the other branches: no S47, no ICPC, no plan and no timescale without a strategy discussion', () => {
    expect(
      describeCaseEvent({
        type: 'StrategyDiscussionHeld',
        data: { caseId: CASE, strategyDiscussionId: ID, heldOn: '2025-01-07', section47Id: null },
      }),
    ).toBe('Strategy discussion held on 2025-01-07: no Section 47 enquiry');
    expect(
      describeCaseEvent({
        type: 'Section47Concluded',
        data: { caseId: CASE, section47Id: ID, concludedOn: '2025-01-17', icpcRequired: false },
      }),
    ).toBe('Section 47 enquiry concluded on 2025-01-17: no initial child protection conference needed');
    const conference = ONE_OF_EACH.ChildProtectionConferenceHeld[0];
    expect(
      describeCaseEvent({
        ...conference,
        data: { ...conference.data, childProtectionPlan: false, workingDaysFromStrategyDiscussion: null, withinTimescale: null },
      }),
    ).toBe('Initial child protection conference held on 2025-01-27: no child protection plan');
  });

  it('gives an event type it does not know a neutral sentence, reading none of its data', () => {
    const future = { type: 'FamilyGroupConferenceHeld', data: { attendees: ['Amelia'] } } as unknown as CaseEvent;
    expect(describeCaseEvent(future)).toBe('Something else was recorded (FamilyGroupConferenceHeld)');
  });
});
