import { Body, Controller, Get, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { formErrorsFrom } from '../../api/field-errors';
import { formRefusalOf, isUuid } from '../../api/form-refusal';
import { ServicesApi, type ApiAnswer } from '../../api/services-api';
import { todayInEngland } from '../../display/calendar-day';
import { linkDateFields } from '../../forms/date-input';
import { versionFrom } from '../../front-door/referral/referral-read';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import type { EpisodeRead } from '../episode-read';
import { actionPage, type ActionPageState } from './action-page';
import { requestBodyOf, type EpisodeAction, type PostedForm } from './episode-action';
import { episodeActionBySlug } from './index';

export const STALE_EPISODE =
  'Someone changed this episode since you opened this form. Reload the episode to see the changes, then try again.';

/**
 * What a practitioner records on an episode, one page per action (`actions/*.action.ts` say which):
 * the form opens at the episode's version and posts it back as If-Match. Success goes back to the episode
 * (post/redirect/get); a refusal shows the form again with the API's messages by field, or a 409 explained.
 */
@ForRoles(['EARLY_HELP'])
@Controller('early-help/episodes/:id/:action')
export class EpisodeActionsController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async form(@Param('id') id: string, @Param('action') slug: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const [episodeId, action] = [episodeIdOf(id), actionOf(slug)];
    const read = await this.read(episodeId, user);
    // Someone else may have moved the episode on (the plan agreed, the episode closed): the episode says what is left.
    if (!action.isOffered(read.body)) return response.redirect(303, `/early-help/episodes/${episodeId}`);
    this.render(response, 200, action, read.body, {
      values: action.defaults(todayInEngland()),
      formVersion: read.version ?? read.body.version,
    });
  }

  @Post()
  async record(
    @Param('id') id: string,
    @Param('action') slug: string,
    @Body() form: PostedForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const [episodeId, action] = [episodeIdOf(id), actionOf(slug)];
    const version = versionFrom(typeof form.version === 'string' ? form.version : undefined);
    const request = requestBodyOf(action, form);
    if ('dateErrors' in request) {
      const read = await this.read(episodeId, user);
      return this.render(response, 400, action, read.body, { values: form, formVersion: version, errors: request.dateErrors });
    }
    try {
      await this.api.post('earlyHelp', `/v1/early-help/episodes/${episodeId}/${action.step}`, user, request.body, { ifMatch: version });
      response.redirect(303, `/early-help/episodes/${episodeId}?recorded=${action.slug}`);
    } catch (error) {
      const refused = formRefusalOf(error, STALE_EPISODE);
      const read = await this.read(episodeId, user);
      this.render(response, refused.status, action, read.body, {
        values: form,
        formVersion: version,
        conflict: refused.conflict,
        errors: linkDateFields(
          formErrorsFrom(refused.messages, action.fields, action.firstField, { ...action.dates, ...action.labels }),
          Object.keys(action.dates),
        ),
      });
    }
  }

  private read(episodeId: string, user: SignedInUser): Promise<ApiAnswer<EpisodeRead>> {
    return this.api.get<EpisodeRead>('earlyHelp', `/v1/early-help/episodes/${episodeId}`, user);
  }

  private render(response: Response, status: number, action: EpisodeAction, read: EpisodeRead, state: ActionPageState) {
    response.status(status).render('early-help/action', actionPage(action, read, state));
  }
}

const episodeIdOf = (id: string): string => {
  if (!isUuid(id)) throw new NotFoundException();
  return id.toLowerCase();
};

const actionOf = (slug: string): EpisodeAction => {
  const action = episodeActionBySlug(slug);
  if (!action) throw new NotFoundException();
  return action;
};
