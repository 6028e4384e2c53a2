import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@csc/contracts';

/**
 * A valid ReferralDecided (v1) as referral-intake publishes it, with fresh ids: what a projection or
 * reaction under test can apply, since consumers read tolerantly but check the fields they require.
 * Its subject is erased (no sealed personal data to open).
 */
export const referralDecidedEnvelope = ({ childId = randomUUID() }: { childId?: string } = {}): EventEnvelope => ({
  eventId: randomUUID(),
  type: 'ReferralDecided',
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  recordedAt: new Date().toISOString(),
  streamId: `referral-${randomUUID()}`,
  streamVersion: 1,
  childId,
  correlationId: randomUUID(),
  causationId: null,
  actor: { sub: 'front-door-worker', role: 'FRONT_DOOR', org: 'LA888' },
  data: {
    referralId: randomUUID(),
    childId,
    outcome: 'NFA',
    decidedAt: '2025-01-06T15:30:00.000Z',
    referralDate: '2025-01-06',
    receivedAt: '2025-01-06T09:30:00.000Z',
    cinReferral: true,
    primaryNeed: null,
    source: '2A',
    referrerOrganisationId: '100001',
    child: { ageAtReferral: 9, unborn: false, sex: 'F', schoolUrn: '100001' },
    consentGiven: true,
    informationRequestCount: 0,
    steppedUpFromEarlyHelpEpisodeId: null,
    subject: null,
  },
});
