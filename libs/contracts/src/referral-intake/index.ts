export * from './referral-subject';
export * from './referral-received.v1';
export * from './child-matched.v1';
export * from './information-requested.v1';
export * from './information-provided.v1';
export * from './referral-decided.v1';
export * from './child-erased.v1';
