export * from './case-events.v1';
