export * from './trace-context';
export * from './kafka-client';
export * from './event-inbox';
export * from './inbox.migration';
export * from './kafka-event.context';
export * from './kafka-event.server';
export * from './event-failure.filter';
export * from './dead-letter';
