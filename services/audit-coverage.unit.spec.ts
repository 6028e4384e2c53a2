import { routeAuditsOf } from '@csc/platform';
import { ALL_SERVICES } from './registry';

/**
 * No endpoint serving a child's data can skip the audit trail: every HTTP route of every service says
 * either @AuditChildRecord (audited) or @NotChildData; only @Public ones (health, docs) say neither.
 */
describe.each(ALL_SERVICES.map((service) => [service.name, service] as const))(
  '%s: every route is marked for the audit trail',
  (_name, definition) => {
    const routes = routeAuditsOf(definition.module);

    it('has found its routes (health at least)', () => {
      expect(routes.map((route) => route.route)).toEqual(expect.arrayContaining(['GET /health', 'GET /health/ready']));
    });

    it('has no route without a marking, and none with both', () => {
      const wrong = routes.filter((route) => route.marking === 'unmarked' || route.marking === 'both-markers');
      expect(wrong).toEqual([]);
    });
  },
);

describe("the services' routes that serve children's records", () => {
  const audited = ALL_SERVICES.flatMap((service) =>
    routeAuditsOf(service.module)
      .filter((route) => route.marking === 'audited')
      .map((route) => `${service.name} ${route.route}`),
  );

  it('include every read and write of a referral, a case and an early help episode', () => {
    expect(audited).toEqual(
      expect.arrayContaining([
        'referral-intake POST /v1/referrals',
        'referral-intake GET /v1/referrals/{id}',
        'referral-intake GET /v1/children/{childId}/referrals',
        'referral-intake POST /v1/referrals/{id}/decision',
        'case-progression GET /v1/cases/{id}',
        'case-progression GET /v1/children/{childId}/cases',
        'case-progression POST /v1/cases/{id}/closure',
        'case-progression POST /v1/cases/{id}/child-characteristics',
        'early-help POST /v1/early-help/requests',
        'early-help GET /v1/early-help/episodes/{id}',
        'early-help POST /v1/early-help/episodes/{id}/step-up',
      ]),
    );
    expect(audited.length).toBeGreaterThanOrEqual(28);
  });
});
