export * from './early-help-stepped-up.v1';
export * from './early-help-events.v1';
