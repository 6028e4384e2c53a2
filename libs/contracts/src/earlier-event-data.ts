import type { z } from 'zod';
import type { EventType } from './event-catalogue';
import { referralReceivedV1 } from './referral-intake/referral-received.v1';

/**
 * The data schema of each older version an upcaster still reads (EVENT_UPCASTERS): events of these
 * versions stay on the topics for ever, so an outside consumer must know their shape too. The event
 * catalogue's AsyncAPI document lists them beside the current ones and refuses to build without one.
 */
export const EARLIER_EVENT_DATA_SCHEMAS: Partial<Record<EventType, Record<number, z.ZodObject>>> = {
  ReferralReceived: { 1: referralReceivedV1 },
};
