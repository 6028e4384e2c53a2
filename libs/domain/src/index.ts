export * from './domain-errors';
export * from './identifiers';
export * from './calendar-dates';
export * from './working-days';
export * from './name-based-uuid';
export * from './outcomes-ladder';
export * from './disability-rules';
export * from './chronology';
