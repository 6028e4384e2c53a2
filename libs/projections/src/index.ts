// The projection runner (batched apply, rebuild into a new version, swap) arrives with the analytics issue;
// its foundation is here: offsets kept with the view rows.
export * from './projection-offsets';
export * from './projection-offsets.migration';
