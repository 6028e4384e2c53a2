import { parseArgs } from 'node:util';
import { DLQ_SERVICES, DLQ_USAGE, parseDlqCommand, requestFor, type DlqRequest } from './dlq/dlq-command';
import { localToken } from './local-token';

interface Answer {
  service: string;
  status: number;
  body: unknown;
}

const call = async (service: string, baseUrl: string, token: string, request: DlqRequest): Promise<Answer> => {
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, ...(request.body ? { 'content-type': 'application/json' } : {}) },
      body: request.body ? JSON.stringify(request.body) : undefined,
    });
    const text = await response.text();
    return { service, status: response.status, body: text ? JSON.parse(text) : null };
  } catch (error) {
    return { service, status: 0, body: { message: [`not reachable at ${baseUrl}: ${(error as Error).message}`] } };
  }
};

/**
 * `npm run dlq -- list|show|replay|discard`: one mechanism, the services' ADMIN endpoints, so the CLI
 * and an operator's HTTP client see and do the same (and each service records who did what).
 * A letter's id names it in one service: show, replay and discard ask each service until one knows it.
 */
const main = async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      url: { type: 'string' },
      status: { type: 'string' },
      all: { type: 'boolean', default: false },
      reason: { type: 'string' },
      sub: { type: 'string' },
    },
  });
  const command = parseDlqCommand(positionals, values);
  if ('error' in command) {
    console.error(`${command.error}\n${DLQ_USAGE}`);
    process.exit(2);
  }
  if (values.service && !DLQ_SERVICES[values.service] && !values.url) {
    console.error(`unknown service ${values.service}\n${DLQ_USAGE}`);
    process.exit(2);
  }
  const services = values.service ? { [values.service]: values.url ?? DLQ_SERVICES[values.service] } : DLQ_SERVICES;
  const token = await localToken({ sub: values.sub ?? 'local-dlq', role: 'ADMIN', org: process.env.LA_CODE ?? 'LA888' }, '1h');
  const request = requestFor(command);
  let failed = false;
  for (const [service, baseUrl] of Object.entries(services)) {
    const answer = await call(service, baseUrl, token, request);
    const perLetter = command.kind !== 'list' && command.kind !== 'replay-all';
    // Not this service's letter: the next one may know it.
    if (perLetter && answer.status === 404 && !values.service) continue;
    if (answer.status === 0 && !values.service) {
      console.error(`${service}: ${JSON.stringify(answer.body)}`);
      continue;
    }
    console.log(JSON.stringify({ service, status: answer.status, ...(answer.body as object) }, null, 2));
    failed ||= answer.status < 200 || answer.status >= 300;
    if (perLetter) process.exit(failed ? 1 : 0);
  }
  if (command.kind !== 'list' && command.kind !== 'replay-all') {
    console.error(`no service knows dead letter ${command.id}`);
    process.exit(1);
  }
  process.exit(failed ? 1 : 0);
};

void main();
