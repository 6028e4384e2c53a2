import type { EventEnvelope } from './envelope';
import { hasDataSchema, InvalidEventDataError, parseEventData, parseSealedEventData } from './event-data';
import { upcastReferralReceivedV1 } from './referral-intake/referral-received.v2';
import { isSealedSubject } from './sealed-subject';
import { NewerSchemaVersionError, Upcasters } from './upcasting';

/** A newer version reads as the known one when the known one's tolerant schema takes its data (subject sealed or open). */
const readableAsKnownVersion = (envelope: EventEnvelope, knownVersion: number): void => {
  if (!hasDataSchema(envelope.type)) return;
  const data = envelope.data as { subject?: unknown } | null;
  const sealed = data?.subject === null || isSealedSubject(data?.subject);
  try {
    if (sealed) parseSealedEventData(envelope.type, data);
    else parseEventData(envelope.type, data);
  } catch (error) {
    if (!(error instanceof InvalidEventDataError)) throw error;
    throw new NewerSchemaVersionError(envelope.type, envelope.schemaVersion, knownVersion, error.problems);
  }
};

/** Every step from an old event shape to the next, for every consumer of the topics, and the rule for newer ones. */
export const EVENT_UPCASTERS = new Upcasters([upcastReferralReceivedV1], { checkNewer: readableAsKnownVersion });
