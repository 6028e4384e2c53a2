import { dirname, join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type RequestHandler } from 'express';
import nunjucks from 'nunjucks';
import { csrf } from './browser-security';
import { ROLE_NAMES } from '../sign-in/local-sign-in';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { signedInUserOf } from './session';

/** The console's templates and scripts sit beside src/, in the source tree and (copied by `npm run build`) in dist/ alike. */
const CONSOLE_ROOT = resolve(__dirname, '..', '..');
/** GOV.UK Frontend's dist/ folder: its Nunjucks macros and the CSS, fonts, images and JS it serves. */
const GOVUK_FRONTEND = join(dirname(require.resolve('govuk-frontend')), '..');

export const SERVICE_NAME = "Children's social care";

/** Nunjucks over the console's views and GOV.UK Frontend's macros; GOV.UK's assets served from node_modules. */
export const useGovukViews = (app: NestExpressApplication): void => {
  const environment = nunjucks.configure([join(CONSOLE_ROOT, 'views'), GOVUK_FRONTEND], {
    autoescape: true,
    throwOnUndefined: false,
    express: app.getHttpAdapter().getInstance(),
  });
  environment.addGlobal('serviceName', SERVICE_NAME);
  // A form shown again keeps what was chosen: radios are checked, options selected, by the posted value.
  environment.addFilter('checkedBy', (items: { value: string }[], chosen: unknown) =>
    items.map((item) => ({ ...item, checked: item.value === chosen })),
  );
  environment.addFilter('selectedBy', (items: { value: string }[], chosen: unknown) =>
    items.map((item) => ({ ...item, selected: item.value === chosen })),
  );
  // A checkbox group repeats its name: one ticked arrives as a string, several as an array.
  environment.addFilter('checkedAmong', (items: { value: string }[], chosen: unknown) =>
    items.map((item) => ({ ...item, checked: (Array.isArray(chosen) ? chosen : [chosen]).includes(item.value) })),
  );
  app.setViewEngine('njk');
  const cacheable = { immutable: false, maxAge: '1h', index: false };
  app.use('/assets', express.static(join(GOVUK_FRONTEND, 'govuk', 'assets'), cacheable));
  // Only the built CSS and JS (and their maps), not the whole package folder.
  for (const file of ['govuk-frontend.min.css', 'govuk-frontend.min.js', 'govuk-frontend.min.css.map', 'govuk-frontend.min.js.map'])
    app.use(`/govuk/${file}`, express.static(join(GOVUK_FRONTEND, 'govuk', file), cacheable));
  // Chart.js's UMD build, for the analyst's dashboard (it defines window.Chart; the page's own script draws).
  app.use('/chart.js/chart.umd.min.js', express.static(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), cacheable));
  app.use('/javascripts', express.static(join(CONSOLE_ROOT, 'public', 'javascripts'), cacheable));
};

/** What every page's layout needs: who is signed in and the form token. */
export const pageLocals: RequestHandler = (request, response, next) => {
  // Health answers machines: no session for them (nor a cookie in every probe's answer).
  if (request.path.startsWith('/health')) return next();
  const user = signedInUserOf(request);
  response.locals.user = user;
  response.locals.signedInAs = user ? `${ROLE_NAMES[user.role]}, ${user.org}` : null;
  response.locals.navigation = user ? navigationFor(user, request.path) : [];
  response.locals.csrfToken = csrf.generateToken(request);
  response.locals.currentPath = request.path;
  next();
};

/** The service navigation: home, and the pages this role has (each matched by the start of its path). */
const NAVIGATION: Partial<Record<SignedInUser['role'], { href: string; text: string; under: string }[]>> = {
  FRONT_DOOR: [{ href: '/front-door/referrals?status=RECEIVED&status=AWAITING_INFORMATION', text: 'Referrals', under: '/front-door' }],
  SOCIAL_WORKER: [{ href: '/cases', text: 'Caseload', under: '/cases' }],
  EARLY_HELP: [
    { href: '/early-help/episodes', text: 'Episodes', under: '/early-help/episodes' },
    { href: '/early-help/requests/new', text: 'Open an episode', under: '/early-help/requests' },
  ],
  SCHOOL: [
    { href: '/school/refer', text: 'Refer a child', under: '/school/refer' },
    { href: '/school/referrals', text: 'Your referrals', under: '/school/referrals' },
    { href: '/school/inbox', text: 'Notifications', under: '/school/inbox' },
  ],
  ANALYST: [
    { href: '/analytics', text: 'Dashboard', under: '/analytics' },
    { href: '/returns', text: 'Statutory returns', under: '/returns' },
  ],
  ADMIN: [
    { href: '/analytics', text: 'Dashboard', under: '/analytics' },
    { href: '/returns', text: 'Statutory returns', under: '/returns' },
    { href: '/admin/audit-log', text: 'Audit log', under: '/admin/audit-log' },
  ],
};

const navigationFor = (user: SignedInUser, path: string) => [
  { href: '/', text: 'Home', active: path === '/' },
  ...(NAVIGATION[user.role] ?? []).map(({ href, text, under }) => ({ href, text, active: path.startsWith(under) })),
];
