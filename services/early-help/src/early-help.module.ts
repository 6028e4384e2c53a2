import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { PlatformModule } from '@csc/platform';
import { earlyHelpMigrations } from './infrastructure/migrations';

@Module({
  imports: [PlatformModule.forService({ name: 'early-help', migrations: earlyHelpMigrations, eventsTopic: TOPICS.earlyHelp })],
})
export class EarlyHelpModule {}
