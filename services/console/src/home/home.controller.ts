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
  SOCIAL_WORKER: {
    pages: [
      {
        href: '/cases',
        text: 'Caseload',
        description: 'Every case by its next due date, soonest first, with what is due and whether it is overdue.',
      },
      {
        href: '/cases?overdue=true',
        text: 'Overdue cases',
        description: 'Cases whose next assessment, conference or review date has passed.',
      },
    ],
    elsewhere: 'Open a case to see its due dates and chronology, and to start or complete its assessment.',
  },
  EARLY_HELP: {
    pages: [
      {
        href: '/early-help/episodes',
        text: 'Early help episodes',
        description: 'Every episode by what is due next (assessment, plan, review), soonest first.',
      },
      {
        href: '/early-help/requests/new',
        text: 'Open an episode for a family who asked for help',
        description: 'When a family asks for early help directly, with their agreement.',
      },
    ],
    elsewhere:
      'Open an episode to see its stage, team, plan, outcomes ladder and chronology, and to record its assessment, team, plan, ladder scores, reviews and ending, or step the family up.',
  },
  SCHOOL: {
    pages: [
      { href: '/school/refer', text: 'Refer a child', description: 'Tell the front door about a child you are worried about.' },
      {
        href: '/school/referrals',
        text: 'Your referrals',
        description: 'The referrals your school has made, and what the front door decided.',
      },
      {
        href: '/school/inbox',
        text: 'Notifications',
        description: 'What you have been told about the children you referred, oldest first.',
      },
    ],
    elsewhere: 'If a child is in immediate danger, call the police on 999.',
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
      {
        href: '/returns',
        text: 'Statutory returns',
        description:
          'The CIN census for a collection year: the DfE’s rules checked, each finding naming the child, case and element, the file to submit, and Ofsted’s Annex A.',
      },
    ],
    elsewhere: 'The census file can also be made from the command line with npm run census.',
  },
  ADMIN: {
    pages: [
      {
        href: '/admin/audit-log',
        text: 'Audit log',
        description: 'Who read or changed a child’s record, or what one person did, in each service.',
      },
      { href: '/analytics', text: 'Dashboard', description: 'The analysts’ figures, each with a CSV.' },
      {
        href: '/returns',
        text: 'Statutory returns',
        description:
          'The CIN census for a collection year: the DfE’s rules checked, each finding naming the child, case and element, the file to submit, and Ofsted’s Annex A.',
      },
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
