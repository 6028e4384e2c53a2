export * from './test-environment';
export * from './test-infrastructure';
export * from './test-database';
export * from './test-kafka';
export * from './eventually';
export * from './service-under-test';
export * from './broker-warm-up';
