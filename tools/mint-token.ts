import { parseArgs } from 'node:util';
import { isRole, type Role } from '@csc/contracts';
import { localToken } from './local-token';

const usage = `usage: npm run token -- --role <FRONT_DOOR|SOCIAL_WORKER|EARLY_HELP|SCHOOL|ANALYST|ADMIN> --org <LA code or school URN> [--sub <user id>] [--ttl 8h]
Mints an HS256 token for local use with JWT_SECRET (or the local development secret).`;

const main = async () => {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, org: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string', default: '8h' } },
  });
  if (!isRole(values.role) || !values.org) {
    console.error(usage);
    process.exit(2);
  }
  const role: Role = values.role;
  const token = await localToken({ sub: values.sub ?? `local-${role.toLowerCase()}`, role, org: values.org }, values.ttl);
  console.log(token);
};

void main();
