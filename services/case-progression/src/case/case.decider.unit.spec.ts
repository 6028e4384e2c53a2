import type { CaseOpenedV1 } from '@csc/contracts';
import { DomainRuleViolation, StateConflict } from '@csc/domain';
import { decide, foldCase, type CaseCommand, type CaseEvent } from './case.decider';

const CASE = '0c0c0c0c-0000-4000-8000-000000000001';
const ids = {
  a1: 'a1a1a1a1-0000-4000-8000-000000000001',
  sd: 'b2b2b2b2-0000-4000-8000-000000000001',
  s47: 'c3c3c3c3-0000-4000-8000-000000000001',
  icpc: 'd4d4d4d4-0000-4000-8000-000000000001',
  cp: 'e5e5e5e5-0000-4000-8000-000000000001',
  cin: 'f6f6f6f6-0000-4000-8000-000000000001',
  cin2: 'f6f6f6f6-0000-4000-8000-000000000002',
  lac: '17171717-0000-4000-8000-000000000001',
};
const opened: CaseOpenedV1 = {
  caseId: CASE,
  childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  referralDate: '2025-01-03',
  primaryNeed: 'N1',
  source: '2A',
  referrerOrganisationId: '100001',
  child: { ageAtReferral: 10, unborn: false, sex: 'F', schoolUrn: '100001' },
  consentGiven: true,
  subject: { child: { givenName: 'Amelia', familyName: 'Testchild', dateOfBirth: '2014-06-01' } },
};

/** Builds a history by deciding commands in turn, so every given state is one the decider itself allows. */
const history = (...commands: CaseCommand[]): CaseEvent[] =>
  commands.reduce<CaseEvent[]>(
    (events, command) => [...events, ...decide(command, foldCase(events))],
    [{ type: 'CaseOpened', data: opened }],
  );

const start = (startedOn = '2025-01-06'): CaseCommand => ({ type: 'StartAssessment', assessmentId: ids.a1, startedOn });
const complete = (
  outcome: 'CHILD_IN_NEED' | 'NO_FURTHER_ACTION' | 'STEP_DOWN_TO_EARLY_HELP' | 'STRATEGY_DISCUSSION',
  authorisedOn = '2025-02-14',
  factors = ['16A'] as never[],
): CaseCommand => ({
  type: 'CompleteAssessment',
  assessmentId: ids.a1,
  authorisedOn,
  factors,
  outcome,
});
const strategy = (heldOn = '2025-01-07'): CaseCommand => ({
  type: 'HoldStrategyDiscussion',
  strategyDiscussionId: ids.sd,
  section47Id: ids.s47,
  heldOn,
  section47: true,
});
const conclude = (concludedOn = '2025-01-17'): CaseCommand => ({
  type: 'ConcludeSection47',
  section47Id: ids.s47,
  concludedOn,
  icpcRequired: true,
});
const conference = (heldOn = '2025-01-27', childProtectionPlan = true): CaseCommand => ({
  type: 'HoldConference',
  conferenceId: ids.icpc,
  planId: ids.cp,
  heldOn,
  childProtectionPlan,
  category: childProtectionPlan ? 'NEG' : null,
});
const endCp = (endedOn: string): CaseCommand => ({ type: 'EndChildProtectionPlan', planId: ids.cp, endedOn });
const startCin = (planId = ids.cin, startedOn = '2025-02-20'): CaseCommand => ({ type: 'StartChildInNeedPlan', planId, startedOn });
const close = (reason: 'RC1' | 'RC7' | 'RC8' | 'RC9', closedOn = '2025-03-31'): CaseCommand => ({ type: 'CloseCase', reason, closedOn });

const refused = (events: CaseEvent[], command: CaseCommand): DomainRuleViolation | StateConflict => {
  try {
    decide(command, foldCase(events));
  } catch (error) {
    if (error instanceof DomainRuleViolation || error instanceof StateConflict) return error;
    throw error;
  }
  throw new Error(`${command.type} was allowed`);
};
const rule = (events: CaseEvent[], command: CaseCommand) => {
  const error = refused(events, command);
  return error instanceof DomainRuleViolation
    ? `${error.rule}${error.censusCode ? `/${error.censusCode}` : ''}`
    : `conflict:${error.field}`;
};

describe('case decider', () => {
  it('opens once', () => {
    expect(decide({ type: 'OpenCase', opened }, foldCase([]))).toEqual([{ type: 'CaseOpened', data: opened }]);
    expect(rule(history(), { type: 'OpenCase', opened })).toBe('conflict:caseId');
  });

  it('attaches a further referral once (ALREADY_OPEN)', () => {
    const attached = {
      caseId: CASE,
      childId: opened.childId,
      referralId: '99999999-0000-4000-8000-000000000001',
      referralDate: '2025-02-01',
      source: '6' as const,
      referrerOrganisationId: null,
    };
    const events = history({ type: 'AttachReferral', attached });
    expect(events.at(-1)).toEqual({ type: 'ReferralAttachedToCase', data: attached });
    expect(decide({ type: 'AttachReferral', attached }, foldCase(events))).toEqual([]);
  });

  describe('assessment', () => {
    it('1103: starts on or after the referral date, not before', () => {
      expect(history(start('2025-01-03')).at(-1)?.type).toBe('AssessmentStarted');
      expect(rule(history(), start('2025-01-02'))).toBe('not-before-referral/1103');
    });

    it('completes with factors and outcome, counting working days from the referral', () => {
      const completed = history(start(), complete('CHILD_IN_NEED', '2025-03-07')).at(-1);
      expect(completed).toMatchObject({
        type: 'AssessmentCompleted',
        data: { workingDaysFromReferral: 45, withinTimescale: true, stepDown: null },
      });
      const late = history(start(), complete('CHILD_IN_NEED', '2025-03-10')).at(-1);
      expect(late).toMatchObject({ data: { workingDaysFromReferral: 46, withinTimescale: false } });
    });

    it('8869: factor 21 only alone, and some factor recorded', () => {
      expect(history(start(), complete('CHILD_IN_NEED', '2025-02-14', ['21'] as never[])).at(-1)?.type).toBe('AssessmentCompleted');
      expect(rule(history(start()), complete('CHILD_IN_NEED', '2025-02-14', ['21', '16A'] as never[]))).toBe('factor-21-alone/8869');
      expect(rule(history(start()), complete('CHILD_IN_NEED', '2025-02-14', [] as never[]))).toBe('factors-recorded/8897Q');
    });

    it('completes only after it started, and only once', () => {
      expect(rule(history(start('2025-01-10')), complete('CHILD_IN_NEED', '2025-01-09'))).toBe('dates-in-order');
      expect(rule(history(start(), complete('CHILD_IN_NEED')), complete('CHILD_IN_NEED'))).toBe('conflict:assessmentId');
      expect(rule(history(start()), start())).toBe('one-assessment-at-a-time');
    });

    it('a step-down outcome carries what early help needs', () => {
      expect(history(start(), complete('STEP_DOWN_TO_EARLY_HELP')).at(-1)).toMatchObject({
        data: { stepDown: { schoolUrn: '100001', consentGiven: true }, subject: { child: { givenName: 'Amelia' } } },
      });
      // Personal data only in data.subject, and none when the family is not stepped down.
      expect(history(start(), complete('CHILD_IN_NEED')).at(-1)).toMatchObject({ data: { stepDown: null, subject: null } });
    });
  });

  describe('after an assessment found no further action (8831, 4000)', () => {
    const nfa = () => history(start(), complete('NO_FURTHER_ACTION'));
    it('refuses S47, conferences, plans and looked after; allows closure RC8', () => {
      expect(rule(nfa(), strategy('2025-02-17'))).toBe('nothing-after-no-further-action/8831');
      expect(rule(nfa(), conference('2025-02-17'))).toBe('nothing-after-no-further-action/8831');
      expect(rule(nfa(), startCin())).toBe('nothing-after-no-further-action/8831');
      expect(rule(nfa(), { type: 'StartLookedAfter', periodId: ids.lac, startedOn: '2025-02-20', legalStatus: 'V2' })).toBe(
        'nothing-after-no-further-action/8831',
      );
      expect(history(start(), complete('NO_FURTHER_ACTION'), close('RC8')).at(-1)?.type).toBe('CaseClosed');
    });
  });

  describe('Section 47 and the initial child protection conference', () => {
    it('times the ICPC in working days from the strategy discussion that started the S47', () => {
      const events = history(strategy('2025-01-07'), conclude(), conference('2025-01-28'));
      expect(events.find((event) => event.type === 'ChildProtectionConferenceHeld')).toMatchObject({
        data: { section47Id: ids.s47, workingDaysFromStrategyDiscussion: 15, withinTimescale: true },
      });
      const late = history(strategy('2025-01-07'), conclude(), conference('2025-01-29'));
      expect(late.find((event) => event.type === 'ChildProtectionConferenceHeld')).toMatchObject({
        data: { workingDaysFromStrategyDiscussion: 16, withinTimescale: false },
      });
    });

    it('8875: never at a weekend or on a bank holiday', () => {
      expect(rule(history(strategy()), conference('2025-01-25'))).toBe('icpc-not-at-weekend/8875');
      expect(rule(history(strategy()), conference('2025-04-18'))).toBe('icpc-not-on-bank-holiday/8875');
    });

    it('8615: a conference follows a Section 47 enquiry that called for it', () => {
      expect(rule(history(), conference('2025-01-27', false))).toBe('icpc-after-section-47/8615');
      const noIcpc: CaseCommand = { type: 'ConcludeSection47', section47Id: ids.s47, concludedOn: '2025-01-17', icpcRequired: false };
      expect(rule(history(strategy(), noIcpc), conference('2025-01-27', false))).toBe('icpc-after-section-47/8615');
      expect(history(strategy(), conference('2025-01-27', false)).at(-1)?.type).toBe('ChildProtectionConferenceHeld');
    });

    it('8890: one Section 47 enquiry at a time; 2889: not before the referral', () => {
      expect(
        rule(history(strategy()), {
          ...strategy('2025-01-09'),
          strategyDiscussionId: '22222222-0000-4000-8000-000000000009',
          section47Id: '33333333-0000-4000-8000-000000000009',
        } as CaseCommand),
      ).toBe('one-section-47-at-a-time/8890');
      const another = history(strategy(), conclude(), {
        ...strategy('2025-01-20'),
        strategyDiscussionId: '22222222-0000-4000-8000-000000000009',
        section47Id: '33333333-0000-4000-8000-000000000009',
      } as CaseCommand);
      expect(another.at(-1)?.type).toBe('StrategyDiscussionHeld');
      expect(rule(history(), strategy('2025-01-02'))).toBe('not-before-referral/2889');
    });

    it('1104: not before the referral', () => {
      expect(rule(history(), conference('2025-01-02'))).toBe('not-before-referral/1104');
    });

    it('2883: a plan starts only from a conference that decides one, with a category', () => {
      const events = history(strategy(), conference('2025-01-27', true));
      expect(events.slice(-2).map((event) => event.type)).toEqual(['ChildProtectionConferenceHeld', 'ChildProtectionPlanStarted']);
      expect(history(strategy(), conference('2025-01-27', false)).at(-1)?.type).toBe('ChildProtectionConferenceHeld');
      expect(rule(history(strategy()), { ...conference(), category: null } as CaseCommand)).toBe('category-for-cp-plan');
    });

    it('concludes an S47 once, not before it began', () => {
      expect(rule(history(strategy('2025-01-07')), conclude('2025-01-06'))).toBe('dates-in-order');
      expect(rule(history(strategy(), conclude()), conclude())).toBe('conflict:section47Id');
    });
  });

  describe('child protection plans', () => {
    const onPlan = () => history(strategy(), conference('2025-01-27'));
    it('are reviewed and ended; 8840: not started and ended the same day', () => {
      const reviewed = history(strategy(), conference('2025-01-27'), {
        type: 'ReviewChildProtectionPlan',
        planId: ids.cp,
        heldOn: '2025-04-25',
        latestCategory: 'EMO',
      });
      expect(reviewed.at(-1)).toMatchObject({ type: 'ChildProtectionPlanReviewed', data: { latestCategory: 'EMO' } });
      expect(history(strategy(), conference('2025-01-27'), endCp('2025-01-28')).at(-1)?.type).toBe('ChildProtectionPlanEnded');
      expect(rule(onPlan(), endCp('2025-01-27'))).toBe('cp-plan-not-one-day/8840');
      expect(rule(onPlan(), endCp('2025-01-20'))).toBe('dates-in-order');
    });

    it('8841: a review is after the plan started, and after the last review', () => {
      const review = (heldOn: string): CaseCommand => ({ type: 'ReviewChildProtectionPlan', planId: ids.cp, heldOn, latestCategory: null });
      expect(rule(onPlan(), review('2025-01-27'))).toBe('review-after-plan-start/8841');
      expect(rule(history(strategy(), conference('2025-01-27'), review('2025-04-25')), review('2025-04-25'))).toBe(
        'review-after-plan-start/8841',
      );
      expect(history(strategy(), conference('2025-01-27'), review('2025-01-28')).at(-1)?.type).toBe('ChildProtectionPlanReviewed');
    });

    it('one at a time', () => {
      expect(rule(onPlan(), { ...conference('2025-02-03'), conferenceId: '44444444-0000-4000-8000-000000000002' } as CaseCommand)).toBe(
        'one-open-cp-plan',
      );
    });
  });

  describe('child in need plans', () => {
    it('4001: not while the child is on a child protection plan; 4015: not before the referral', () => {
      expect(rule(history(strategy(), conference('2025-01-27')), startCin(ids.cin, '2025-02-01'))).toBe('no-cin-plan-during-cp-plan/4001');
      expect(history(strategy(), conference('2025-01-27'), endCp('2025-02-10'), startCin(ids.cin, '2025-02-10')).at(-1)?.type).toBe(
        'ChildInNeedPlanStarted',
      );
      expect(rule(history(), startCin(ids.cin, '2025-01-02'))).toBe('not-before-referral/4015');
    });

    it('4004: one open at a time; another once it has ended', () => {
      expect(rule(history(startCin()), startCin(ids.cin2, '2025-03-01'))).toBe('one-open-cin-plan/4004');
      const ended = history(
        startCin(),
        { type: 'EndChildInNeedPlan', planId: ids.cin, endedOn: '2025-03-01' },
        startCin(ids.cin2, '2025-03-02'),
      );
      expect(ended.at(-1)?.type).toBe('ChildInNeedPlanStarted');
    });
  });

  describe('looked after', () => {
    it('starts and ends in order, one period at a time', () => {
      const lac: CaseCommand = { type: 'StartLookedAfter', periodId: ids.lac, startedOn: '2025-02-01', legalStatus: 'C2' };
      expect(history(lac, { type: 'EndLookedAfter', endedOn: '2025-03-01', reason: 'E13' }).at(-1)?.type).toBe('CeasedToBeLookedAfter');
      expect(rule(history(lac), lac)).toBe('conflict:startedOn');
      expect(rule(history(lac), { type: 'EndLookedAfter', endedOn: '2025-01-31', reason: 'E13' })).toBe('dates-in-order');
      expect(rule(history(), { type: 'EndLookedAfter', endedOn: '2025-01-31', reason: 'E13' })).toBe('conflict:endedOn');
    });
  });

  describe('closure', () => {
    it('8630: not before the referral', () => {
      expect(rule(history(), close('RC7', '2025-01-02'))).toBe('not-before-referral/8630');
    });

    it('8825Q: RC8 and RC9 need a completed assessment; other reasons do not', () => {
      expect(rule(history(), close('RC8'))).toBe('rc8-rc9-need-assessment/8825Q');
      expect(rule(history(start()), close('RC9'))).toBe('rc8-rc9-need-assessment/8825Q'); // started is not completed
      expect(history(close('RC1')).at(-1)?.type).toBe('CaseClosed');
    });

    it('RC9 carries what early help needs; nothing open may be left behind', () => {
      expect(history(start(), complete('CHILD_IN_NEED'), close('RC9')).at(-1)).toMatchObject({
        data: { reason: 'RC9', stepDown: { schoolUrn: '100001' } },
      });
      expect(rule(history(startCin()), close('RC7'))).toBe('nothing-open-at-closure');
    });

    it('2990 / 8565: nothing is recorded after closure', () => {
      const closed = history(start(), complete('NO_FURTHER_ACTION'), close('RC8'));
      expect(rule(closed, startCin())).toBe('nothing-after-closure/8565');
      expect(rule(closed, close('RC7'))).toBe('nothing-after-closure/8565');
    });

    it('8868: a Section 47 enquiry is concluded (conference held, or none needed) before closure', () => {
      expect(rule(history(strategy()), close('RC7'))).toBe('nothing-open-at-closure');
      expect(rule(history(strategy(), conclude()), close('RC7'))).toBe('nothing-open-at-closure'); // an ICPC was required
      const noIcpc: CaseCommand = { type: 'ConcludeSection47', section47Id: ids.s47, concludedOn: '2025-01-17', icpcRequired: false };
      expect(history(strategy(), noIcpc, close('RC7')).at(-1)?.type).toBe('CaseClosed');
    });

    it('hands a family to early help once: RC9 after an assessment already stepped it down carries no second step-down', () => {
      expect(history(start(), complete('STEP_DOWN_TO_EARLY_HELP'), close('RC9')).at(-1)).toMatchObject({
        type: 'CaseClosed',
        data: { stepDown: null, subject: null },
      });
    });
  });
});
