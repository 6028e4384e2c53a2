import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { IdempotencyKeys, PlatformModule } from '@csc/platform';
import { EpisodeCommands } from './episode/episode-commands';
import { EpisodeRepository } from './episode/episode.repository';
import { EpisodeListQuery } from './episode/list-episodes/episode-list.query';
import { ListEpisodesController } from './episode/list-episodes/list-episodes.controller';
import { OpenEpisodeWhenSteppedDown } from './episode/open-episode-when-stepped-down/open-episode-when-stepped-down';
import { ReadEpisodeController } from './episode/read-episode/read-episode.controller';
import { ReadEpisodeHistoryController } from './episode/read-episode-history/read-episode-history.controller';
import { RecordEpisodeController } from './episode/record-episode/record-episode.controller';
import { RequestEarlyHelpController } from './episode/request-early-help/request-early-help.controller';
import { earlyHelpMigrations } from './infrastructure/migrations';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'early-help',
      migrations: earlyHelpMigrations,
      eventsTopic: TOPICS.earlyHelp,
      personalData: true,
      auditLog: true,
    }),
  ],
  controllers: [
    OpenEpisodeWhenSteppedDown,
    RequestEarlyHelpController,
    RecordEpisodeController,
    ReadEpisodeController,
    ListEpisodesController,
    ReadEpisodeHistoryController,
  ],
  providers: [EpisodeRepository, EpisodeCommands, IdempotencyKeys, EpisodeListQuery],
})
export class EarlyHelpModule {}
