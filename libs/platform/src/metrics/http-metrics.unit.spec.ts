import { routeLabelOf, UNMATCHED_ROUTE } from './http-metrics';

describe('the route label of an HTTP request', () => {
  it("is the matched route's pattern in docs/http-api.md's style, never the URL called", () => {
    expect(routeLabelOf({ baseUrl: '', route: { path: '/v1/referrals/:id/decision' } })).toBe('/v1/referrals/{id}/decision');
    expect(routeLabelOf({ baseUrl: '/v1', route: { path: '/cases/:caseId/assessments/:aid' } })).toBe(
      '/v1/cases/{caseId}/assessments/{aid}',
    );
  });

  it('is one label for every request no route matched', () => {
    expect(routeLabelOf({ baseUrl: '', route: undefined })).toBe(UNMATCHED_ROUTE);
  });
});
