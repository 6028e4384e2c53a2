export * from './early-help-stepped-up.v1';
