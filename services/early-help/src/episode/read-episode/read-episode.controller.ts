import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { AuditChildRecord, loadAsSchoolMaySee, noteAuditedChild, UuidParam } from '@csc/platform';
import { EpisodeRepository } from '../episode.repository';
import { episodeView, isRequestingSchool } from '../episode-view';

@ApiTags('early help')
@ApiBearerAuth()
@AuditChildRecord('episode')
@Controller('v1/early-help/episodes')
export class ReadEpisodeController {
  constructor(private readonly episodes: EpisodeRepository) {}

  /** Practitioners see the episode; a school that asked for it sees its stage; anyone else learns nothing. */
  @Get(':id')
  @Roles('EARLY_HELP', 'ADMIN', 'SCHOOL')
  async episode(
    @Param('id', UuidParam('id')) episodeId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const loaded = await loadAsSchoolMaySee(user, () => this.episodes.load(episodeId));
    if (!loaded || (user.role === 'SCHOOL' && !isRequestingSchool(loaded.state, user)))
      throw new NotFoundException([`id: no early help episode ${episodeId}`]);
    // A school's view leaves the child id out; the audit trail still names the child.
    noteAuditedChild(request, loaded.state.opened?.childId);
    response.setHeader('ETag', `"${loaded.version}"`);
    return episodeView(loaded.state, loaded.version, user);
  }
}
