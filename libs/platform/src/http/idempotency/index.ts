export * from './idempotency-keys';
export * from './idempotency-key-header';
export * from './idempotency-keys.migration';
