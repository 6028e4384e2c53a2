import { auditScopeOf, noteAuditScope } from './child-records-served';

describe('the scope of an audited request', () => {
  it('keeps a code or a date a handler names, and nothing else', () => {
    const request = {};
    expect(auditScopeOf(request)).toBeNull();
    noteAuditScope(request, 'year=2025-26');
    expect(auditScopeOf(request)).toBe('year=2025-26');
    noteAuditScope(request, 'name=Amelia Hart');
    expect(auditScopeOf(request)).toBe('year=2025-26');
  });
});
