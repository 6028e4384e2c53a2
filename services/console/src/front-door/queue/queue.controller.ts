import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../../api/api-refusal';
import { formErrorsFrom } from '../../api/field-errors';
import { ServicesApi } from '../../api/services-api';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import { instant, sourceName, STATUS_TAGS } from '../display';
import { QUEUE_FIELDS, QUEUE_STATUSES, queueFiltersFrom, queueQuery, SOURCE_CHOICES, type QueueForm } from './queue-filters';

/** One row of `GET /v1/referrals` (README, "The front door's queue"). */
interface QueueItem {
  referralId: string;
  status: string;
  receivedAt: string;
  source: string;
  schoolUrn: string | null;
  child: { givenName: string; familyName: string } | null;
  decidedAt: string | null;
  decisionDue: string;
  workingHoursWaiting: number;
  overdue: boolean;
  childKnown: boolean;
  openCase: boolean;
  reReferral: boolean;
}

/** The front door's queue: the API's filters as a GET form, its clock and flags per row, paged by its cursor. */
@ForRoles(['FRONT_DOOR'])
@Controller('front-door/referrals')
export class QueueController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async queue(@Query() form: QueueForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const filters = queueFiltersFrom(form);
    const shown = {
      filters,
      statusItems: QUEUE_STATUSES.map((value) => ({ value, text: STATUS_TAGS[value].text, checked: filters.statuses.includes(value) })),
      sourceItems: [
        { value: '', text: 'Any source' },
        ...SOURCE_CHOICES.map((choice) => ({ ...choice, selected: choice.value === filters.source })),
      ],
    };
    try {
      const query = queueQuery(filters);
      const { body } = await this.api.get<{ items: QueueItem[]; next: string | null }>(
        'referralIntake',
        `/v1/referrals${query ? `?${query}` : ''}`,
        user,
      );
      response.render('front-door/queue', {
        ...shown,
        pageTitle: 'Referrals',
        rows: body.items.map(rowOf),
        nextPage: body.next ? `?${queueQuery(filters, body.next)}` : null,
        firstPage: filters.after ? `?${queueQuery(filters, '')}` : null,
      });
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 400) throw error;
      const errors = formErrorsFrom(error.messages, QUEUE_FIELDS, 'status');
      response.status(400).render('front-door/queue', { ...shown, pageTitle: 'Error: Referrals', rows: [], errors });
    }
  }
}

const rowOf = (item: QueueItem) => ({
  href: `/front-door/referrals/${encodeURIComponent(item.referralId)}`,
  // An erased child has no name left to show; the referral still needs deciding.
  childName: item.child ? `${item.child.givenName} ${item.child.familyName}` : 'Name not available',
  status: STATUS_TAGS[item.status] ?? { text: item.status, classes: 'govuk-tag--grey' },
  receivedAt: instant(item.receivedAt),
  source: sourceName(item.source),
  schoolUrn: item.schoolUrn ?? '',
  decided: item.decidedAt !== null,
  decisionDue: instant(item.decisionDue),
  workingHoursWaiting: formatHours(item.workingHoursWaiting),
  overdue: item.overdue,
  flags: [
    item.childKnown && { text: 'Child known', classes: 'govuk-tag--purple' },
    item.openCase && { text: 'Open case', classes: 'govuk-tag--orange' },
    item.reReferral && { text: 'Re-referral within 12 months', classes: 'govuk-tag--pink' },
  ].filter(Boolean),
});

const formatHours = (hours: number): string =>
  `${Number.isInteger(hours) ? hours : hours.toFixed(1)} working ${hours === 1 ? 'hour' : 'hours'}`;
