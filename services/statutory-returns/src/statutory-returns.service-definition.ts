import type { ServiceDefinition } from '@csc/platform';
import { statutoryReturnsMigrations } from './infrastructure/migrations';
import { StatutoryReturnsModule } from './statutory-returns.module';

export const statutoryReturnsService: ServiceDefinition & { migrations: typeof statutoryReturnsMigrations } = {
  name: 'statutory-returns',
  title: 'Statutory returns',
  description:
    "The DfE's CIN census and Ofsted's Annex A, made from the event log, with the census's validation rules checked before submission.",
  defaultPort: 3006,
  module: StatutoryReturnsModule,
  migrations: statutoryReturnsMigrations,
};
