import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@csc/auth';
import { londonDateOf } from '@csc/domain';
import { AuditChildRecord } from '@csc/platform';
import { EpisodeListQuery } from './episode-list.query';
import { ListEpisodesQueryDto } from './list-episodes.dto';

/**
 * Early help's list: every episode by what is due next. Practitioners only: a school sees an episode
 * it asked for one at a time, never the list. Each item is a child's record: each is in the audit trail.
 */
@ApiTags('early help')
@ApiBearerAuth()
@AuditChildRecord('episode')
@Controller('v1/early-help/episodes')
export class ListEpisodesController {
  constructor(private readonly episodes: EpisodeListQuery) {}

  @Get()
  @Roles('EARLY_HELP')
  async list(@Query() query: ListEpisodesQueryDto) {
    return this.episodes.page(query, londonDateOf(new Date()));
  }
}
