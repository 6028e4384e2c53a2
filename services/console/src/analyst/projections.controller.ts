import { Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ServicesApi } from '../api/services-api';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { projectionRowOf, type ProjectionStatus } from './projection-rows';

/** Analytics' projections: which version serves the views, and how far a rebuild has read the log. ADMIN may start a rebuild. */
@Controller('analytics/projections')
export class ProjectionsController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  @ForRoles(['ANALYST', 'ADMIN'])
  @Render('analyst/projections')
  async projections(@Query('rebuilding') rebuilding: string | undefined, @CurrentUser() user: SignedInUser) {
    const { body } = await this.api.get<ProjectionStatus[]>('analytics', '/v1/projections', user);
    return {
      pageTitle: 'Projections',
      rows: body.map(projectionRowOf),
      // Only CURRENT versions are offered: a rebuild asked while one is BUILDING joins it anyway.
      rebuildable: user.role === 'ADMIN' ? [...new Set(body.filter((row) => row.state === 'CURRENT').map((row) => row.projection))] : [],
      rebuilding: body.some((row) => row.projection === rebuilding) ? rebuilding : null,
    };
  }

  @Post(':name/rebuild')
  @ForRoles(['ADMIN'])
  async rebuild(@Param('name') name: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    await this.api.post('analytics', `/v1/projections/${encodeURIComponent(name)}/rebuild`, user, {});
    response.redirect(303, `/analytics/projections?rebuilding=${encodeURIComponent(name)}`);
  }
}
