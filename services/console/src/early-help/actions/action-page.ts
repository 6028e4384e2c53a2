import { noFormErrors, type FormErrors } from '../../api/field-errors';
import { childNameOf, episodeReference, type EpisodeRead } from '../episode-read';
import type { EpisodeAction, PostedForm } from './episode-action';

export interface ActionPageState {
  values: PostedForm;
  errors?: FormErrors;
  /** A stale version (the API's 409), in plain words. */
  conflict?: string;
  /** The version the form posts back as If-Match: the one the form was opened at, kept across a refusal so a stale form stays stale. */
  formVersion: number | null;
}

/** One action's page: which episode, the form with its values and choices, and the API's refusal by field. */
export const actionPage = (action: EpisodeAction, read: EpisodeRead, state: ActionPageState) => {
  const errors = state.errors ?? noFormErrors();
  const reference = episodeReference(read.episodeId);
  return {
    pageTitle: `${errors.summary.length > 0 || state.conflict ? 'Error: ' : ''}${action.title}: ${reference}`,
    action: { slug: action.slug, title: action.title, button: action.button },
    episodeHref: `/early-help/episodes/${read.episodeId}`,
    reference,
    childName: childNameOf(read),
    values: state.values,
    errors,
    errorSummary: errors.summary,
    conflict: state.conflict,
    formVersion: state.formVersion,
    ...action.choicesFor?.(read, state.values),
  };
};
