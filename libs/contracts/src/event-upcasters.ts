import { upcastReferralReceivedV1 } from './referral-intake/referral-received.v2';
import { Upcasters } from './upcasting';

/** Every step from an old event shape to the next, for every consumer of the topics. */
export const EVENT_UPCASTERS = new Upcasters([upcastReferralReceivedV1]);
