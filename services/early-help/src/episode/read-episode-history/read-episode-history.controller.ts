import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { AuditChildRecord, chronologyOf, loadAsSchoolMaySee, noteAuditedChild, UuidParam } from '@csc/platform';
import { describeEpisodeEvent, describeEpisodeEventForSchool } from '../domain/episode-chronology';
import { EpisodeRepository } from '../episode.repository';
import { isRequestingSchool } from '../episode-view';

/** What happened in an early help episode, when and by whom, oldest first: the same callers and rules as its single read. */
@ApiTags('early help')
@ApiBearerAuth()
@AuditChildRecord('episode')
@Controller('v1/early-help/episodes')
export class ReadEpisodeHistoryController {
  constructor(private readonly episodes: EpisodeRepository) {}

  /** Practitioners see every step; a school that asked for the episode sees its stages; anyone else learns nothing. */
  @Get(':id/history')
  @Roles('EARLY_HELP', 'ADMIN', 'SCHOOL')
  async history(
    @Param('id', UuidParam('id')) episodeId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const history = await loadAsSchoolMaySee(user, () => this.episodes.streams.loadWithHistory(episodeId));
    if (!history || (user.role === 'SCHOOL' && !isRequestingSchool(history.loaded.state, user)))
      throw new NotFoundException([`id: no early help episode ${episodeId}`]);
    const { loaded, recorded } = history;
    noteAuditedChild(request, loaded.state.opened?.childId);
    response.setHeader('ETag', `"${loaded.version}"`);
    const describe = user.role === 'SCHOOL' ? describeEpisodeEventForSchool : describeEpisodeEvent;
    return { episodeId, version: loaded.version, entries: chronologyOf(recorded, describe) };
  }
}
