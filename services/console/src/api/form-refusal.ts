import { ApiRefusal } from './api-refusal';

/**
 * What a form's post does with the API's refusal: its messages to show by field (400, 422), or a stale
 * version (409, or 412 where a precondition names it) explained in the words given; anything else is
 * rethrown for the error page.
 */
export const formRefusalOf = (error: unknown, staleExplanation: string): { status: number; messages: string[]; conflict?: string } => {
  if (!(error instanceof ApiRefusal) || ![400, 409, 412, 422].includes(error.status)) throw error;
  if (error.status === 409 || error.status === 412) return { status: error.status, messages: [], conflict: staleExplanation };
  return { status: error.status, messages: error.messages };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the page's address: the API would say 400 for a malformed one; for a person it is a page that does not exist. */
export const isUuid = (id: string): boolean => UUID.test(id);
