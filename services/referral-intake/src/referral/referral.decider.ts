import {
  CIN_REFERRAL_OUTCOMES,
  type ChildMatchedV1,
  type InformationProvidedV1,
  type InformationRequestedV1,
  type PrimaryNeed,
  type ReferralDecidedV1,
  type ReferralOutcome,
  type ReferralReceivedV2,
} from '@csc/contracts';
import { DomainRuleViolation, StateConflict, londonDateOf } from '@csc/domain';

export type ReferralEvent =
  | { type: 'ReferralReceived'; data: ReferralReceivedV2 }
  | { type: 'ChildMatched'; data: ChildMatchedV1 }
  | { type: 'InformationRequested'; data: InformationRequestedV1 }
  | { type: 'InformationProvided'; data: InformationProvidedV1 }
  | { type: 'ReferralDecided'; data: ReferralDecidedV1 };

/** Where a referral is at the front door: waiting for a decision, waiting for the referrer's answer, or decided. */
export const REFERRAL_STATUSES = ['RECEIVED', 'AWAITING_INFORMATION', 'DECIDED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralState =
  | { status: 'NONE' }
  | {
      status: ReferralStatus;
      received: ReferralReceivedV2;
      /** The child index matched this child to one already known (ChildMatched). */
      childKnown: boolean;
      openRequestId: string | null;
      informationRequestCount: number;
      decision: ReferralDecidedV1 | null;
    };

export const initialReferralState: ReferralState = { status: 'NONE' };

export type ReferralCommand =
  | { type: 'ReceiveReferral'; referral: ReferralReceivedV2; match: ChildMatchedV1 }
  | { type: 'RequestInformation'; requestId: string; question: string; requestedAt: Date }
  | { type: 'ProvideInformation'; answer: string; providedAt: Date; providedBy: { role: string; organisationId: string } }
  | { type: 'DecideReferral'; outcome: ReferralOutcome; decidedAt: Date; primaryNeed: PrimaryNeed | null; rationale: string };

/** A referral at the front door: received once, questions asked and answered one at a time, decided once. */
export const decide = (command: ReferralCommand, state: ReferralState): ReferralEvent[] => {
  switch (command.type) {
    case 'ReceiveReferral':
      if (state.status !== 'NONE') throw new StateConflict('referralId', 'this referral has already been received');
      return [
        { type: 'ReferralReceived', data: command.referral },
        { type: 'ChildMatched', data: command.match },
      ];
    case 'RequestInformation': {
      const { received } = existingOrThrow(state);
      if (state.status === 'DECIDED') throw new StateConflict('question', 'the referral is already decided');
      if (state.status === 'AWAITING_INFORMATION')
        throw new StateConflict('question', 'the referrer has not answered the open question yet');
      notBeforeReceipt('requestedAt', command.requestedAt, received);
      return [
        {
          type: 'InformationRequested',
          data: {
            referralId: received.referralId,
            requestId: command.requestId,
            requestedAt: command.requestedAt.toISOString(),
            referrerOrganisationId: received.referrerOrganisationId,
            subject: { question: command.question },
          },
        },
      ];
    }
    case 'ProvideInformation': {
      const { received } = existingOrThrow(state);
      if (state.status !== 'AWAITING_INFORMATION' || !state.openRequestId) {
        throw new StateConflict('answer', 'there is no open question on this referral');
      }
      return [
        {
          type: 'InformationProvided',
          data: {
            referralId: received.referralId,
            requestId: state.openRequestId,
            providedAt: command.providedAt.toISOString(),
            providedByRole: command.providedBy.role,
            providedByOrganisationId: command.providedBy.organisationId,
            subject: { answer: command.answer },
          },
        },
      ];
    }
    case 'DecideReferral': {
      const current = existingOrThrow(state);
      const received = current.received;
      if (current.status === 'DECIDED') throw new StateConflict('outcome', 'the referral has already been decided');
      notBeforeReceipt('decidedAt', command.decidedAt, received);
      const cinReferral = CIN_REFERRAL_OUTCOMES.includes(command.outcome);
      if (cinReferral && !command.primaryNeed) {
        throw new DomainRuleViolation(
          'primaryNeed',
          'primary-need-for-cin-referral',
          `${command.outcome} makes a CIN referral, which needs a primary need code`,
        );
      }
      if (!cinReferral && command.primaryNeed) {
        throw new DomainRuleViolation(
          'primaryNeed',
          'primary-need-only-for-cin-referral',
          `a primary need is recorded only for ${CIN_REFERRAL_OUTCOMES.join(' or ')}`,
        );
      }
      return [
        {
          type: 'ReferralDecided',
          data: {
            referralId: received.referralId,
            childId: received.childId,
            outcome: command.outcome,
            decidedAt: command.decidedAt.toISOString(),
            referralDate: londonDateOf(new Date(received.receivedAt)),
            receivedAt: received.receivedAt,
            cinReferral,
            primaryNeed: command.primaryNeed,
            source: received.source,
            referrerOrganisationId: received.referrerOrganisationId,
            child: received.child,
            consentGiven: received.consent.given,
            informationRequestCount: current.informationRequestCount,
            steppedUpFromEarlyHelpEpisodeId: received.steppedUpFromEarlyHelpEpisodeId,
            subject: { child: received.subject.child, rationale: command.rationale },
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

export const evolve = (state: ReferralState, event: ReferralEvent): ReferralState => {
  switch (event.type) {
    case 'ReferralReceived':
      return {
        status: 'RECEIVED',
        received: event.data,
        childKnown: false,
        openRequestId: null,
        informationRequestCount: 0,
        decision: null,
      };
    case 'ChildMatched':
      if (state.status === 'NONE') return state;
      return { ...state, childKnown: event.data.matchedExistingChild };
    case 'InformationRequested':
      if (state.status === 'NONE') return state;
      return {
        ...state,
        status: 'AWAITING_INFORMATION',
        openRequestId: event.data.requestId,
        informationRequestCount: state.informationRequestCount + 1,
      };
    case 'InformationProvided':
      if (state.status === 'NONE') return state;
      return { ...state, status: 'RECEIVED', openRequestId: null };
    case 'ReferralDecided':
      if (state.status === 'NONE') return state;
      return { ...state, status: 'DECIDED', openRequestId: null, decision: event.data };
    default:
      return unreachable(event);
  }
};

export const foldReferral = (events: ReferralEvent[]): ReferralState => events.reduce(evolve, initialReferralState);

type ExistingReferral = Exclude<ReferralState, { status: 'NONE' }>;

const existingOrThrow = (state: ReferralState): ExistingReferral => {
  // The handler answers 404 before asking; reaching here means a bug, not a caller's mistake.
  if (state.status === 'NONE') throw new Error('referral not received');
  return state;
};

const notBeforeReceipt = (field: string, at: Date, received: ReferralReceivedV2) => {
  if (at.getTime() < Date.parse(received.receivedAt)) {
    throw new DomainRuleViolation(field, 'not-before-receipt', 'cannot be before the referral was received');
  }
};

const unreachable = (value: never): never => {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
};
