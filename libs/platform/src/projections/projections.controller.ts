import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@csc/auth';
import { NotChildData } from '../audit';
import { ProjectionHost } from '@csc/projections';

/** Where each projection is (position, lag, events/s, ETA, version), and rebuilding one from offset 0. */
@ApiTags('projections')
@ApiBearerAuth()
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly host: ProjectionHost) {}

  @Get()
  @Roles('ANALYST', 'ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Every projection version running: CURRENT serves the views, BUILDING is a rebuild catching up' })
  status() {
    return this.host.status();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('ANALYST', 'ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Rebuild into a new version from offset 0 while the current one serves; it takes over once caught up' })
  async rebuild(@Param('name') name: string) {
    if (!this.host.definition(name)) throw new NotFoundException([`name: no projection ${name}`]);
    const { version, started } = await this.host.rebuild(name);
    return { projection: name, version, state: 'BUILDING', started };
  }
}
