export * from './projection';
export * from './projection-offsets';
export * from './projection-offsets.migration';
export * from './projection-versions';
export * from './projection-versions.migration';
export * from './projection-runner';
export * from './projection-host';
export * from './set-based-upsert';
