import { z } from 'zod';
import { isSealedSubject } from '../sealed-subject';
import type { Upcaster } from '../upcasting';
import { childCharacteristicsSchema } from './child-characteristics';
import { referralReceivedV1 } from './referral-received.v1';

export const referralReceivedV2 = referralReceivedV1
  .extend({
    subject: referralReceivedV1.shape.subject.extend({
      characteristics: childCharacteristicsSchema.default({}),
    }),
  })
  .describe(
    "v2: the referral also records what the referrer knows of the child's census characteristics (ethnicity, disabilities, why a UPN is unknown, a former UPN), inside the sealed subject. A v1 subject has none: `characteristics` reads as empty, both through the upcaster (an open subject) and through this schema's default (a subject sealed under v1 and opened later, after the envelope was upcast), so every consumer sees one shape.",
  );
export type ReferralReceivedV2 = z.infer<typeof referralReceivedV2>;

export const upcastReferralReceivedV1: Upcaster = {
  type: 'ReferralReceived',
  fromVersion: 1,
  upcast: (data) => {
    const subject = data.subject;
    if (subject === null || typeof subject !== 'object' || isSealedSubject(subject)) return data;
    return { ...data, subject: { characteristics: {}, ...subject } };
  },
};
