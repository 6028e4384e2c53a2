export * from './trace-context';
export * from './conversation';
