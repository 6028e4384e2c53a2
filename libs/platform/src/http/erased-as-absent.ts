import type { AuthenticatedUser } from '@csc/auth';
import { PersonalDataErasedError } from '@csc/event-store';

/**
 * Loads a record for a caller; for a SCHOOL, an erased child's record is simply absent (the caller's
 * usual 404, word for word), as any record it may not see: telling a school "gone" (410) would tell it
 * that the child existed and was erased. Staff still get 410 from the error filter.
 */
export const loadAsSchoolMaySee = async <T>(user: AuthenticatedUser, load: () => Promise<T>): Promise<T | null> => {
  try {
    return await load();
  } catch (error) {
    if (user.role === 'SCHOOL' && error instanceof PersonalDataErasedError) return null;
    throw error;
  }
};
