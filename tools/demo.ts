import { parseArgs } from 'node:util';
import type { Role } from '@csc/contracts';
import { kafkaConnectionFromEnvironment } from '@csc/messaging';
import { loadDemoHistory } from './demo/demo-history';
import { connectDemoSchool, DEMO_SCHOOL, demoReferral } from './demo/demo-school';
import { localToken } from './local-token';

const usage = `usage: node dist/tools/demo.js <history|school|first-referral> (npm start runs these)
  history          loads the demo year into the topics, unless the log already holds history
  school           registers the demo school and sets its webhook to --receiver; prints the secret
  first-referral   the school refers a child and the front door decides: the school's webhook fires`;

const SERVICE_URL = { referralIntake: 'http://127.0.0.1:3001', schoolNotifications: 'http://127.0.0.1:3004' };

const caller = (base: string, role: Role, org: string) => async (method: string, path: string, body?: object) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await localToken({ sub: `demo-${role.toLowerCase()}`, role, org })}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
};

const main = async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { receiver: { type: 'string' } } });
  switch (positionals[0]) {
    case 'history': {
      const published = await loadDemoHistory(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', kafkaConnectionFromEnvironment());
      console.log(published === 0 ? 'the log already holds history: not loading the demo year again' : `published ${published} events`);
      return;
    }
    case 'school': {
      if (!values.receiver) throw new Error('--receiver <url> is needed');
      console.log(await connectDemoSchool(caller(SERVICE_URL.schoolNotifications, 'ADMIN', 'LA888'), values.receiver));
      return;
    }
    case 'first-referral': {
      const asSchool = caller(SERVICE_URL.referralIntake, 'SCHOOL', DEMO_SCHOOL.urn);
      const asFrontDoor = caller(SERVICE_URL.referralIntake, 'FRONT_DOOR', 'LA888');
      const referral = await asSchool('POST', '/v1/referrals', demoReferral(new Date().toISOString()));
      if (referral.status !== 201) throw new Error(`refer: HTTP ${referral.status} ${JSON.stringify(referral.body)}`);
      const decision = await asFrontDoor('POST', `/v1/referrals/${referral.body.referralId}/decision`, {
        outcome: 'ACCEPTED_FOR_ASSESSMENT',
        primaryNeed: 'N1',
        rationale: 'Demo: neglect indicators reported by school; assessment needed.',
      });
      if (decision.status !== 200) throw new Error(`decide: HTTP ${decision.status} ${JSON.stringify(decision.body)}`);
      console.log(referral.body.referralId);
      return;
    }
    default:
      console.error(usage);
      process.exit(2);
  }
};

main().catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});
