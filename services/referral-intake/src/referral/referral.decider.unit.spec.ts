import { REFERRAL_OUTCOMES, type ReferralOutcome } from '@csc/contracts';
import { DomainRuleViolation, StateConflict } from '@csc/domain';
import { aNewChildMatch, aReceivedReferral } from '../../test/referral-builders';
import { decide, foldReferral, type ReferralCommand, type ReferralEvent } from './referral.decider';

const received = aReceivedReferral();
const receivedEvents: ReferralEvent[] = [
  { type: 'ReferralReceived', data: received },
  { type: 'ChildMatched', data: aNewChildMatch(received) },
];
const askedEvents: ReferralEvent[] = [
  ...receivedEvents,
  {
    type: 'InformationRequested',
    data: {
      referralId: received.referralId,
      requestId: 'b1b1b1b1-0000-4000-8000-000000000001',
      requestedAt: '2025-01-03T11:00:00.000Z',
      referrerOrganisationId: '100001',
      subject: { question: 'Who lives at home?' },
    },
  },
];
const decidedEvents: ReferralEvent[] = [
  ...receivedEvents,
  {
    type: 'ReferralDecided',
    data: {
      referralId: received.referralId,
      childId: received.childId,
      outcome: 'NFA',
      decidedAt: '2025-01-04T09:00:00.000Z',
      referralDate: '2025-01-03',
      receivedAt: received.receivedAt,
      cinReferral: true,
      primaryNeed: 'N4',
      source: '2A',
      referrerOrganisationId: '100001',
      child: received.child,
      consentGiven: true,
      informationRequestCount: 0,
      steppedUpFromEarlyHelpEpisodeId: null,
      subject: { child: received.subject.child, rationale: 'Needs met by school support.' },
    },
  },
];

const given = (events: ReferralEvent[]) => ({
  when: (command: ReferralCommand) => ({
    then: (expected: ReferralEvent[] | ((events: ReferralEvent[]) => void)) => {
      const produced = decide(command, foldReferral(events));
      if (typeof expected === 'function') expected(produced);
      else expect(produced).toEqual(expected);
    },
    thenRefuses: (errorType: typeof DomainRuleViolation | typeof StateConflict, field: string) => {
      let caught: unknown;
      try {
        decide(command, foldReferral(events));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(errorType);
      expect((caught as { field: string }).field).toBe(field);
    },
  }),
});

const decision = (outcome: ReferralOutcome, primaryNeed: 'N1' | 'N4' | null, decidedAt = '2025-01-04T09:00:00.000Z'): ReferralCommand => ({
  type: 'DecideReferral',
  outcome,
  primaryNeed,
  decidedAt: new Date(decidedAt),
  rationale: 'Threshold discussion with the team manager.',
});

describe('referral decider', () => {
  describe('receive', () => {
    it('records the referral and how its child was matched', () =>
      given([])
        .when({ type: 'ReceiveReferral', referral: received, match: aNewChildMatch(received) })
        .then(receivedEvents));

    it('refuses to receive the same referral twice', () =>
      given(receivedEvents)
        .when({ type: 'ReceiveReferral', referral: received, match: aNewChildMatch(received) })
        .thenRefuses(StateConflict, 'referralId'));
  });

  describe('information requests', () => {
    const ask: ReferralCommand = {
      type: 'RequestInformation',
      requestId: 'b1b1b1b1-0000-4000-8000-000000000001',
      question: 'Who lives at home?',
      requestedAt: new Date('2025-01-03T11:00:00Z'),
    };
    const answer: ReferralCommand = {
      type: 'ProvideInformation',
      answer: 'Mum and two siblings.',
      providedAt: new Date('2025-01-03T14:00:00Z'),
      providedBy: { role: 'SCHOOL', organisationId: '100001' },
    };

    it('asks the referrer a question', () => given(receivedEvents).when(ask).then([askedEvents[2]]));

    it('refuses a second question while one is open', () => given(askedEvents).when(ask).thenRefuses(StateConflict, 'question'));

    it('refuses a question on a decided referral', () => given(decidedEvents).when(ask).thenRefuses(StateConflict, 'question'));

    it('refuses a question dated before the referral arrived', () =>
      given(receivedEvents)
        .when({ ...ask, requestedAt: new Date('2025-01-02T11:00:00Z') } as ReferralCommand)
        .thenRefuses(DomainRuleViolation, 'requestedAt'));

    it('records the answer to the open question', () =>
      given(askedEvents)
        .when(answer)
        .then([
          {
            type: 'InformationProvided',
            data: {
              referralId: received.referralId,
              requestId: 'b1b1b1b1-0000-4000-8000-000000000001',
              providedAt: '2025-01-03T14:00:00.000Z',
              providedByRole: 'SCHOOL',
              providedByOrganisationId: '100001',
              subject: { answer: 'Mum and two siblings.' },
            },
          },
        ]));

    it('refuses an answer when no question is open', () => given(receivedEvents).when(answer).thenRefuses(StateConflict, 'answer'));

    it('allows a new question once the last one is answered', () => {
      const answered = [...askedEvents, ...decide(answer, foldReferral(askedEvents))];
      given(answered)
        .when({ ...ask, requestId: 'b1b1b1b1-0000-4000-8000-000000000002' } as ReferralCommand)
        .then((events) => expect(events[0].type).toBe('InformationRequested'));
    });
  });

  describe('decision', () => {
    it.each(REFERRAL_OUTCOMES.map((outcome) => [outcome]))('records %s with what its consumers need', (outcome) => {
      const cin = outcome === 'ACCEPTED_FOR_ASSESSMENT' || outcome === 'NFA';
      given(askedEvents)
        .when(decision(outcome, cin ? 'N1' : null))
        .then(([event]) => {
          expect(event.type).toBe('ReferralDecided');
          expect(event.data).toMatchObject({
            outcome,
            cinReferral: cin,
            primaryNeed: cin ? 'N1' : null,
            referralDate: '2025-01-03',
            childId: received.childId,
            source: '2A',
            referrerOrganisationId: '100001',
            child: received.child,
            consentGiven: true,
            informationRequestCount: 1,
            subject: { child: received.subject.child, rationale: 'Threshold discussion with the team manager.' },
          });
        });
    });

    it('dates the referral by the day it arrived in England (a late-evening referral in summer time)', () => {
      const lateEvening = aReceivedReferral({ receivedAt: '2025-06-30T23:30:00.000Z' });
      given([{ type: 'ReferralReceived', data: lateEvening }])
        .when(decision('NFA', 'N4', '2025-07-02T09:00:00Z'))
        .then(([event]) => expect(event.data).toMatchObject({ referralDate: '2025-07-01' }));
    });

    it('is made once: a second decision is a conflict', () =>
      given(decidedEvents).when(decision('ACCEPTED_FOR_ASSESSMENT', 'N1')).thenRefuses(StateConflict, 'outcome'));

    it('needs a primary need for a CIN referral (accepted or NFA)', () => {
      given(receivedEvents).when(decision('ACCEPTED_FOR_ASSESSMENT', null)).thenRefuses(DomainRuleViolation, 'primaryNeed');
      given(receivedEvents).when(decision('NFA', null)).thenRefuses(DomainRuleViolation, 'primaryNeed');
    });

    it('records no primary need for a referral that is not a CIN referral', () =>
      given(receivedEvents).when(decision('SIGNPOSTED', 'N4')).thenRefuses(DomainRuleViolation, 'primaryNeed'));

    it('cannot be dated before the referral arrived', () =>
      given(receivedEvents)
        .when(decision('NFA', 'N4', '2025-01-03T09:59:59Z'))
        .thenRefuses(DomainRuleViolation, 'decidedAt'));

    it('may be made while a question is open, and closes it', () => {
      const [decided] = decide(decision('STEP_DOWN_TO_EARLY_HELP', null), foldReferral(askedEvents));
      const state = foldReferral([...askedEvents, decided]);
      expect(state).toMatchObject({ status: 'DECIDED', openRequestId: null });
    });
  });
});
