import { appRoleOf, asAppRole, defaultDatabaseUrl, defaultOwnerDatabaseUrl } from './database-url';

describe('database URLs', () => {
  it('names each service its own app role', () => {
    expect(appRoleOf('referral-intake')).toBe('csc_referral_intake_app');
    expect(appRoleOf('school-notifications')).toBe('csc_school_notifications_app');
  });

  it('reaches the same database as the app role, keeping host, port, database, password and parameters', () => {
    expect(asAppRole('postgres://owner:s3cret@db.example:6543/csc_cases?sslmode=require', 'case-progression')).toBe(
      'postgres://csc_case_progression_app:s3cret@db.example:6543/csc_cases?sslmode=require',
    );
  });

  it('migrates locally as postgres, and runs the service as its app role', () => {
    expect(defaultOwnerDatabaseUrl('early-help')).toBe('postgres://postgres@127.0.0.1:5432/csc_early_help');
    expect(defaultDatabaseUrl('early-help')).toBe('postgres://csc_early_help_app@127.0.0.1:5432/csc_early_help');
  });
});
