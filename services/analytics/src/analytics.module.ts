import { Module } from '@nestjs/common';
import { PlatformModule } from '@csc/platform';
import { analyticsMigrations } from './infrastructure/migrations';

@Module({
  imports: [PlatformModule.forService({ name: 'analytics', migrations: analyticsMigrations })],
})
export class AnalyticsModule {}
