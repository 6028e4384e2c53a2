export * from './errors';
export * from './stored-event';
export * from './event-store';
export * from './global-log-reader';
export * from './outbox-relay';
export * from './event-store.migration';
export * from './relay-producer';
export * from './subject-sealer';
