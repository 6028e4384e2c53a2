import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../api/api-refusal';
import { formErrorsFrom } from '../api/field-errors';
import { isUuid } from '../api/form-refusal';
import { ServicesApi } from '../api/services-api';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { EPISODE_STAGE_NAMES, type EpisodeListItem, type EpisodeRead } from './episode-read';
import { episodePage, episodeRowOf, type ChronologyRead } from './episode-page';
import { textOf as text } from '../forms/form-values';

/** The episodes list as a query string, for the API and the console's own links alike. */
export const episodesQuery = (stage: string, after: string): string => {
  const query = new URLSearchParams();
  if (stage) query.set('stage', stage);
  if (after) query.set('after', after);
  return query.toString();
};

/** Early help practitioners: the episodes by what is due next, and a page per episode. */
@ForRoles(['EARLY_HELP'])
@Controller('early-help/episodes')
export class EpisodesController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async episodes(@Query() form: { stage?: string; after?: string }, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const stage = text(form.stage);
    const after = text(form.after);
    const stageItems = [
      { value: '', text: 'Any stage', selected: stage === '' },
      ...Object.entries(EPISODE_STAGE_NAMES).map(([value, name]) => ({ value, text: name, selected: value === stage })),
    ];
    try {
      const query = episodesQuery(stage, after);
      const { body } = await this.api.get<{ items: EpisodeListItem[]; next: string | null }>(
        'earlyHelp',
        `/v1/early-help/episodes${query ? `?${query}` : ''}`,
        user,
      );
      response.render('early-help/episodes', {
        pageTitle: 'Early help episodes',
        stageItems,
        rows: body.items.map(episodeRowOf),
        nextPage: body.next ? `?${episodesQuery(stage, body.next)}` : null,
        firstPage: after ? `?${episodesQuery(stage, '')}` : null,
      });
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 400) throw error;
      const errors = formErrorsFrom(error.messages, { stage: 'stage' }, 'stage');
      response.status(400).render('early-help/episodes', { pageTitle: 'Error: Early help episodes', stageItems, rows: [], errors });
    }
  }

  @Get(':id')
  async episode(
    @Param('id') id: string,
    @Query('recorded') recorded: string | undefined,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    if (!isUuid(id)) throw new NotFoundException();
    const path = `/v1/early-help/episodes/${id.toLowerCase()}`;
    const [read, chronology] = await Promise.all([
      this.api.get<EpisodeRead>('earlyHelp', path, user),
      this.api.get<ChronologyRead>('earlyHelp', `${path}/history`, user),
    ]);
    response.render('early-help/episode', episodePage(read.body, chronology.body, typeof recorded === 'string' ? recorded : undefined));
  }
}
