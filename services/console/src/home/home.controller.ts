import { Controller, Get, Render } from '@nestjs/common';
import type { Role } from '@csc/contracts';
import { ROLE_NAMES } from '../sign-in/local-sign-in';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser } from '../sign-in/signed-in.guard';

interface RoleHome {
  /** Pages of this console the role can use now, each with what it is for. */
  pages: { href: string; text: string; description: string }[];
  /** What the role does through the services' APIs until its screens are built. */
  elsewhere: string;
}

const HOMES: Record<Role, RoleHome> = {
  FRONT_DOOR: {
    pages: [
      {
        href: '/front-door/referrals?status=RECEIVED&status=AWAITING_INFORMATION',
        text: 'Referrals waiting for a decision',
        description:
          'The queue, oldest first, with each decision clock, and whether the child is known, has an open case or was referred in the last 12 months.',
      },
      {
        href: '/front-door/referrals',
        text: 'All referrals',
        description: 'Every referral, filtered by status, source, school or the days received.',
      },
    ],
    elsewhere:
      'Open a referral to see its chronology and the child’s other referrals, ask the referrer for more information, or decide it.',
  },
  SOCIAL_WORKER: { pages: [], elsewhere: 'Screens for cases are coming next. Until then, use the case-progression API.' },
  EARLY_HELP: { pages: [], elsewhere: 'Screens for early help episodes are coming. Until then, use the early-help API.' },
  SCHOOL: {
    pages: [],
    elsewhere:
      'Screens for referring and for your notifications are coming. Until then, use the referral-intake and school-notifications APIs.',
  },
  ANALYST: {
    pages: [
      {
        href: '/analytics',
        text: 'Dashboard',
        description:
          'Re-referrals against the national rate, referral appropriateness by school and source, timeliness, the early help funnel and a cohort evaluation, each with a CSV.',
      },
      { href: '/analytics/projections', text: 'Projections', description: 'How up to date the views are, and how far a rebuild has got.' },
    ],
    elsewhere: 'The statutory returns are made with npm run census or the statutory-returns API.',
  },
  ADMIN: {
    pages: [
      {
        href: '/admin/audit-log',
        text: 'Audit log',
        description: 'Who read or changed a child’s record, or what one person did, in each service.',
      },
      { href: '/analytics', text: 'Dashboard', description: 'The analysts’ figures, each with a CSV.' },
      { href: '/analytics/projections', text: 'Projections', description: 'How up to date the views are; rebuild one from the log.' },
    ],
    elsewhere: 'Screens for schools and dead letters are coming. Until then, use the services’ APIs.',
  },
};

@Controller()
export class HomeController {
  @Get()
  @Render('home')
  home(@CurrentUser() user: SignedInUser) {
    return { pageTitle: 'Home', roleName: ROLE_NAMES[user.role], home: HOMES[user.role] };
  }
}
