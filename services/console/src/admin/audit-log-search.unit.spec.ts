import { auditLogQuery, auditLogSearchFrom, isAsked } from './audit-log-search';

describe("the audit log's search", () => {
  it('asks the chosen service about a child or a user, and pages on with the last page’s nextBefore', () => {
    const search = auditLogSearchFrom({ service: 'caseProgression', userId: ' sw-1 ', childId: '' });
    expect(isAsked(search)).toBe(true);
    expect(auditLogQuery(search)).toBe('userId=sw-1');
    expect(auditLogQuery(search, { withService: true, before: '42' })).toBe('service=caseProgression&userId=sw-1&before=42');
  });

  it('reads an unknown service as the first, and asks nothing until a child or a user is given', () => {
    const search = auditLogSearchFrom({ service: 'analytics' });
    expect(search.service).toBe('referralIntake');
    expect(isAsked(search)).toBe(false);
  });
});
