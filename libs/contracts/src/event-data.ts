import type { z } from 'zod';
import type { EventType } from './event-catalogue';
import { childMatchedV1, informationProvidedV1, informationRequestedV1, referralDecidedV1, referralReceivedV1 } from './referral-intake';
import { earlyHelpSteppedUpV1 } from './early-help';

/** The current data schema of each event whose shape is settled; the rest arrive with their services. */
export const EVENT_DATA_SCHEMAS = {
  ReferralReceived: referralReceivedV1,
  ChildMatched: childMatchedV1,
  InformationRequested: informationRequestedV1,
  InformationProvided: informationProvidedV1,
  ReferralDecided: referralDecidedV1,
  EarlyHelpSteppedUp: earlyHelpSteppedUpV1,
} as const satisfies Partial<Record<EventType, z.ZodType>>;

export type EventDataOf<T extends keyof typeof EVENT_DATA_SCHEMAS> = z.infer<(typeof EVENT_DATA_SCHEMAS)[T]>;

export class InvalidEventDataError extends Error {
  constructor(
    readonly type: string,
    readonly problems: string[],
  ) {
    super(`${type} data invalid: ${problems.join('; ')}`);
    this.name = 'InvalidEventDataError';
  }
}

/** Checks an event's data against its schema, naming problems by path (never echoing values). */
export const parseEventData = <T extends keyof typeof EVENT_DATA_SCHEMAS>(type: T, data: unknown): EventDataOf<T> => {
  const result = EVENT_DATA_SCHEMAS[type].safeParse(data);
  if (!result.success) {
    throw new InvalidEventDataError(
      type,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`),
    );
  }
  return result.data as EventDataOf<T>;
};
