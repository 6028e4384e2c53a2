export * from './domain-errors';
export * from './identifiers';
export * from './calendar-dates';
