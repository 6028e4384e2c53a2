export * from './notification-events.v1';
