import { REFERRAL_SOURCES } from '@csc/contracts';
import { textOf as text } from '../../forms/form-values';

export const QUEUE_STATUSES = ['RECEIVED', 'AWAITING_INFORMATION', 'DECIDED'] as const;

/** The queue's GET form as the browser sends it (a repeated `status` arrives as an array). */
export interface QueueForm {
  status?: string | string[];
  source?: string;
  schoolUrn?: string;
  receivedFrom?: string;
  receivedTo?: string;
  after?: string;
}

export interface QueueFilters {
  statuses: string[];
  source: string;
  schoolUrn: string;
  receivedFrom: string;
  receivedTo: string;
  after: string;
}

/** What the form asked for, each field a string (checked by the API, which names what is wrong). */
export const queueFiltersFrom = (form: QueueForm): QueueFilters => ({
  statuses: (Array.isArray(form.status) ? form.status : [form.status])
    .flatMap((value) => text(value).split(','))
    .map(text)
    .filter(Boolean),
  source: text(form.source),
  schoolUrn: text(form.schoolUrn),
  receivedFrom: text(form.receivedFrom),
  receivedTo: text(form.receivedTo),
  after: text(form.after),
});

/** The filters as a query string, for the API (`GET /v1/referrals`) and the console's own links alike. */
export const queueQuery = (filters: QueueFilters, after = filters.after): string => {
  const query = new URLSearchParams();
  if (filters.statuses.length > 0) query.set('status', filters.statuses.join(','));
  for (const name of ['source', 'schoolUrn', 'receivedFrom', 'receivedTo'] as const) if (filters[name]) query.set(name, filters[name]);
  if (after) query.set('after', after);
  return query.toString();
};

/** The API names its query parameters as the form names its fields. */
export const QUEUE_FIELDS = {
  status: 'status',
  source: 'source',
  schoolUrn: 'schoolUrn',
  receivedFrom: 'receivedFrom',
  receivedTo: 'receivedTo',
};

export const SOURCE_CHOICES = Object.entries(REFERRAL_SOURCES).map(([code, name]) => ({ value: code, text: `${code}: ${name}` }));
