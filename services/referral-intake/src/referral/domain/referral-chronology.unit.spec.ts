import { REFERRAL_OUTCOMES, type ReferralDecidedV1 } from '@csc/contracts';
import { aNewChildMatch, aReceivedReferral } from '../../../test/referral-builders';
import type { ReferralEvent } from '../referral.decider';
import { describeReferralEvent, describeReferralEventForSchool } from './referral-chronology';

const received = aReceivedReferral();
const REQUEST = 'b1b1b1b1-0000-4000-8000-000000000001';
const decided = (outcome: ReferralDecidedV1['outcome'], primaryNeed: string | null): ReferralDecidedV1 => ({
  referralId: received.referralId,
  childId: received.childId,
  outcome,
  decidedAt: '2025-01-04T09:00:00.000Z',
  referralDate: '2025-01-03',
  receivedAt: received.receivedAt,
  cinReferral: outcome === 'ACCEPTED_FOR_ASSESSMENT' || outcome === 'NFA',
  primaryNeed,
  source: '2A',
  referrerOrganisationId: '100001',
  child: received.child,
  consentGiven: true,
  informationRequestCount: 1,
  steppedUpFromEarlyHelpEpisodeId: null,
  subject: { child: received.subject.child, rationale: 'Disclosure and escalating concerns.' },
});

// One of each event type of a referral: the compiler fails this file when a type is added without an example.
const ONE_OF_EACH: { [T in ReferralEvent['type']]: Extract<ReferralEvent, { type: T }> } = {
  ReferralReceived: { type: 'ReferralReceived', data: received },
  ChildMatched: { type: 'ChildMatched', data: { ...aNewChildMatch(received), rule: 'NHS_NUMBER', matchedExistingChild: true } },
  InformationRequested: {
    type: 'InformationRequested',
    data: {
      referralId: received.referralId,
      requestId: REQUEST,
      requestedAt: '2025-01-03T11:00:00.000Z',
      referrerOrganisationId: '100001',
      subject: { question: 'Who lives at home?' },
    },
  },
  InformationProvided: {
    type: 'InformationProvided',
    data: {
      referralId: received.referralId,
      requestId: REQUEST,
      providedAt: '2025-01-03T12:00:00.000Z',
      providedByRole: 'SCHOOL',
      providedByOrganisationId: '100001',
      subject: { answer: 'Mum, her partner and a baby brother.' },
    },
  },
  ReferralDecided: { type: 'ReferralDecided', data: decided('ACCEPTED_FOR_ASSESSMENT', 'N1') },
};
const EVERY_EVENT = Object.values(ONE_OF_EACH) as ReferralEvent[];
// Nothing from the sealed subject: the child, the referrer, the concerns, questions, answers, the rationale.
const PERSONAL = /Amelia|Testchild|2014-06-01|FY1|Safeguarding|Attendance|Who lives|Mum|Disclosure/;
const FUTURE = { type: 'ReferralTriaged', data: { note: 'Seen by Amelia' } } as unknown as ReferralEvent;

describe('a referral in plain words, for the front door and social care', () => {
  it.each(EVERY_EVENT.map((event) => [event.type, event] as const))('words %s without personal data', (_type, event) => {
    const sentence = describeReferralEvent(event);
    expect(sentence).toEqual(expect.stringMatching(/^[A-Z].{10,}/));
    expect(sentence).not.toMatch(PERSONAL);
  });

  it('says where a referral came from with its census source, the consent and the factors', () => {
    expect(describeReferralEvent(ONE_OF_EACH.ReferralReceived)).toBe(
      "Referral received (source 2A: schools); the family's consent given; concerns recorded with factors 16A",
    );
    const steppedUp = aReceivedReferral({ source: '5D', factors: [], consent: { given: false }, steppedUpFromEarlyHelpEpisodeId: REQUEST });
    expect(describeReferralEvent({ type: 'ReferralReceived', data: steppedUp })).toBe(
      'Referral received (source 5D: LA services: early help); stepped up from early help; without consent (reason recorded); concerns recorded',
    );
  });

  it('names how a child was matched, or that it is new', () => {
    expect(describeReferralEvent(ONE_OF_EACH.ChildMatched)).toBe('Child matched to a child already known by NHS number');
    expect(describeReferralEvent({ type: 'ChildMatched', data: aNewChildMatch(received) })).toBe('Child recorded as a new child');
  });

  it('gives the decision with its primary need, and says a rationale was recorded without quoting it', () => {
    expect(describeReferralEvent(ONE_OF_EACH.ReferralDecided)).toBe(
      'Decided: accepted for assessment (primary need N1: abuse or neglect); rationale recorded',
    );
    expect(describeReferralEvent({ type: 'ReferralDecided', data: decided('SIGNPOSTED', null) })).toBe(
      'Decided: signposted to other services; rationale recorded',
    );
  });

  it('words every outcome', () => {
    for (const outcome of REFERRAL_OUTCOMES)
      expect(describeReferralEvent({ type: 'ReferralDecided', data: decided(outcome, 'N4') })).toMatch(/^Decided: [a-z]/);
  });

  it('gives an event type it does not know a neutral sentence, reading none of its data', () => {
    expect(describeReferralEvent(FUTURE)).toBe('Something else was recorded (ReferralTriaged)');
  });
});

describe('a referral in plain words, for the school that made it', () => {
  it('tells it of its referral, the questions and answers, and the decision, as its single read does', () => {
    expect(EVERY_EVENT.map(describeReferralEventForSchool)).toEqual([
      "Referral received (source 2A: schools); the family's consent given; concerns recorded with factors 16A",
      null,
      'The front door asked the referrer for more information (question recorded)',
      'More information provided (answer recorded)',
      'Decided: accepted for assessment',
    ]);
  });

  it('gives the decision as a category only: never the primary need nor the rationale', () => {
    const said = REFERRAL_OUTCOMES.map((outcome) =>
      describeReferralEventForSchool({ type: 'ReferralDecided', data: decided(outcome, 'N1') }),
    );
    expect(new Set(said)).toEqual(
      new Set(['Decided: accepted for assessment', 'Decided: early help offered', 'Decided: no further action, with advice']),
    );
    expect(said.join(' ')).not.toMatch(/N1|abuse|rationale/);
  });

  it('is told nothing of an event type it does not know', () => {
    expect(describeReferralEventForSchool(FUTURE)).toBeNull();
  });
});
