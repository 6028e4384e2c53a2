export * from './roles';
export * from './envelope';
export * from './envelope.validation';
export * from './topics';
export * from './event-catalogue';
export * from './upcasting';
export * from './code-sets';
