import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isUuid } from '../api/form-refusal';
import { ServicesApi } from '../api/services-api';
import { words } from '../display/calendar-day';
import { instant } from '../front-door/display';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';

const PAGE_SIZE = 20;

/** A notification as the school's inbox gives it: a type and a plain summary, never a name (README, "Schools hear back"). */
export interface SchoolNotification {
  id: string;
  referralId?: string;
  type: string;
  occurredAt: string;
  summary: string;
  socialWorker?: { name: string; team?: string; phone?: string; email?: string };
}

export const notificationRowOf = (notification: SchoolNotification) => ({
  what: words(notification.type),
  occurredAt: instant(notification.occurredAt),
  summary: notification.summary,
  referralHref: notification.referralId ? `/school/referrals/${encodeURIComponent(notification.referralId)}` : null,
  socialWorker: notification.socialWorker
    ? [notification.socialWorker.name, notification.socialWorker.team, notification.socialWorker.phone, notification.socialWorker.email]
        .filter(Boolean)
        .join(', ')
    : null,
});

/** The school's inbox, oldest first; the next page starts after the last one shown. */
@ForRoles(['SCHOOL'])
@Controller('school/inbox')
export class InboxController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async inbox(@Query('after') after: string | undefined, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const cursor = typeof after === 'string' && isUuid(after) ? after : '';
    const { body } = await this.api.get<SchoolNotification[]>(
      'schoolNotifications',
      `/v1/schools/${encodeURIComponent(user.org)}/notifications?limit=${PAGE_SIZE}${cursor ? `&after=${cursor}` : ''}`,
      user,
    );
    response.render('school/inbox', {
      pageTitle: 'Notifications',
      rows: body.map(notificationRowOf),
      // A full page may have more after it; a short one is the end.
      nextPage: body.length === PAGE_SIZE ? `?after=${body[body.length - 1].id}` : null,
      firstPage: cursor ? '?' : null,
    });
  }
}
