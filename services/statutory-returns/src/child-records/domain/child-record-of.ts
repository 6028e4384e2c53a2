import type { EventEnvelope } from '@csc/contracts';
import { londonDateOf } from '@csc/domain';
import type { CaseRecord, ChildRecord, EarlyHelpRecord, ReferralRecord } from './child-record';
import { CASE_ACTIVITY_TYPES, emptyCase, foldCaseActivity, isCaseActivity } from './case-activity-fold';
import { ChildIdentityFold } from './child-identity-fold';

/** The events a child's record is made of (the projection keeps these, and ChildErased). */
export const CHILD_RECORD_EVENT_TYPES = [
  'ReferralReceived',
  'InformationRequested',
  'ReferralDecided',
  'CaseOpened',
  'ReferralAttachedToCase',
  ...CASE_ACTIVITY_TYPES,
  'ChildCharacteristicsRecorded',
  'EarlyHelpEpisodeOpened',
  'EarlyHelpAssessmentCompleted',
  'EarlyHelpEpisodeClosed',
] as const;

/** An event as the fold reads it: upcast to its current shape, its subject opened (null when the child was erased). */
export type OpenedEvent = Pick<EventEnvelope, 'eventId' | 'type' | 'streamId' | 'streamVersion' | 'recordedAt'> & {
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each case below reads its own event's fields
};

/** Events in the order they were recorded; one stream's in its own order whatever the clocks said. */
export const inRecordedOrder = (a: OpenedEvent, b: OpenedEvent): number =>
  a.recordedAt < b.recordedAt
    ? -1
    : a.recordedAt > b.recordedAt
      ? 1
      : a.streamId < b.streamId
        ? -1
        : a.streamId > b.streamId
          ? 1
          : a.streamVersion - b.streamVersion;

const byFirst =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * Folds one child's events into the record the returns read. Pure: the same events give the same
 * record, whichever order the topics delivered them in (they are sorted here, and each fact is
 * keyed by its own id, so a case event seen before its case opened still lands on that case).
 */
export const childRecordOf = (childId: string, events: OpenedEvent[]): ChildRecord => {
  const identity = new ChildIdentityFold();
  const referrals = new Map<string, ReferralRecord>();
  const cases = new Map<string, CaseRecord>();
  const earlyHelp = new Map<string, EarlyHelpRecord>();
  const caseOf = (caseId: string): CaseRecord => {
    let record = cases.get(caseId);
    if (!record) {
      record = emptyCase(caseId);
      cases.set(caseId, record);
    }
    return record;
  };
  const referralOf = (referralId: string): ReferralRecord => {
    let record = referrals.get(referralId);
    if (!record) {
      record = emptyReferral(referralId);
      referrals.set(referralId, record);
    }
    return record;
  };
  const episodeOf = (episodeId: string): EarlyHelpRecord => {
    let record = earlyHelp.get(episodeId);
    if (!record) {
      record = {
        episodeId,
        openedOn: '',
        origin: 'DIRECT_REQUEST',
        requestedByOrganisationId: null,
        assessmentCompletedOn: null,
        closedOn: null,
        outcome: null,
      };
      earlyHelp.set(episodeId, record);
    }
    return record;
  };

  for (const { type, data } of [...events].sort(inRecordedOrder)) {
    switch (type) {
      case 'ReferralReceived': {
        const referral = referralOf(data.referralId);
        referral.receivedAt = data.receivedAt;
        referral.referralDate ||= londonDateOf(new Date(data.receivedAt));
        referral.source = data.source;
        referral.referrerOrganisationId = data.referrerOrganisationId;
        referral.factors = data.factors;
        identity.fromReferral(data.child, data.subject);
        break;
      }
      case 'InformationRequested':
        referralOf(data.referralId).informationRequested = true;
        break;
      case 'ReferralDecided': {
        const referral = referralOf(data.referralId);
        // The coarse child repeats its ReferralReceived's: said again, an older referral decided after a
        // newer one was received would put back the older one's sex and school.
        if (referral.receivedAt === '') identity.fromCoarseChild(data.child);
        Object.assign(referral, {
          receivedAt: data.receivedAt,
          referralDate: data.referralDate,
          source: data.source,
          referrerOrganisationId: data.referrerOrganisationId,
          outcome: data.outcome,
          decidedAt: data.decidedAt,
          primaryNeed: data.primaryNeed,
        });
        referral.informationRequested ||= data.informationRequestCount > 0;
        break;
      }
      case 'CaseOpened': {
        Object.assign(caseOf(data.caseId), {
          referralId: data.referralId,
          referralDate: data.referralDate,
          source: data.source,
          primaryNeed: data.primaryNeed,
        });
        const referral = referralOf(data.referralId);
        if (referral.receivedAt === '') identity.fromCoarseChild(data.child);
        referral.caseId = data.caseId;
        break;
      }
      case 'ReferralAttachedToCase':
        referralOf(data.referralId).caseId = data.caseId;
        break;
      case 'ChildCharacteristicsRecorded':
        identity.fromPractitioner(data.subject);
        break;
      case 'EarlyHelpEpisodeOpened':
        Object.assign(episodeOf(data.episodeId), {
          openedOn: data.openedOn,
          origin: data.origin,
          requestedByOrganisationId: data.requestedByOrganisationId,
        });
        break;
      case 'EarlyHelpAssessmentCompleted':
        episodeOf(data.episodeId).assessmentCompletedOn = data.completedOn;
        break;
      case 'EarlyHelpEpisodeClosed':
        Object.assign(episodeOf(data.episodeId), { closedOn: data.closedOn, outcome: data.outcome });
        break;
      default:
        if (isCaseActivity(type)) foldCaseActivity(caseOf(data.caseId), type, data);
    }
  }

  return {
    childId,
    identity: identity.result(),
    // Facts whose opening event has not arrived yet (another topic is behind) are left out until it has.
    referrals: [...referrals.values()]
      .filter((item) => item.receivedAt !== '')
      .sort(byFirst((item) => `${item.receivedAt}/${item.referralId}`)),
    cases: [...cases.values()].filter((item) => item.referralId !== '').sort(byFirst((item) => `${item.referralDate}/${item.caseId}`)),
    earlyHelp: [...earlyHelp.values()].filter((item) => item.openedOn !== '').sort(byFirst((item) => `${item.openedOn}/${item.episodeId}`)),
    unreadableSubjects: 0,
  };
};

const emptyReferral = (referralId: string): ReferralRecord => ({
  referralId,
  receivedAt: '',
  referralDate: '',
  source: '10',
  referrerOrganisationId: null,
  outcome: null,
  decidedAt: null,
  primaryNeed: null,
  factors: [],
  informationRequested: false,
  caseId: null,
});
