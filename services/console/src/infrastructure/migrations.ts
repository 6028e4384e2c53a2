import type { MixedList } from 'typeorm';
import { appRoleMigration } from '@csc/platform';
import { CreateSessionTokens1767600000000 } from './migrations/create-session-tokens.migration';

/**
 * The console's database (csc_console), used only with OpenID Connect: the app role first, the
 * session tokens' table after it, granted to the role by its default privileges.
 */
export const consoleMigrations: MixedList<Function> = [appRoleMigration('console'), CreateSessionTokens1767600000000];
