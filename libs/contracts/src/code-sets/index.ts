export * from './code-set';
export * from './referral-source';
export * from './primary-need';
export * from './reason-for-closure';
export * from './assessment-factor';
export * from './small-code-sets';
export * from './outcome-area';
export * from './child-characteristics';
