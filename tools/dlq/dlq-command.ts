/** The services that consume events, where they listen locally (their default ports). */
export const DLQ_SERVICES: Record<string, string> = {
  'referral-intake': 'http://127.0.0.1:3001',
  'case-progression': 'http://127.0.0.1:3002',
  'early-help': 'http://127.0.0.1:3003',
  'school-notifications': 'http://127.0.0.1:3004',
  analytics: 'http://127.0.0.1:3005',
  'statutory-returns': 'http://127.0.0.1:3006',
};

export const DLQ_USAGE = `usage: npm run dlq -- <command> [--service <name>] [--url <base url>]
  list [--status PARKED|REPLAYED|DISCARDED|ALL]   dead letters not yet dealt with (or by status), every service
  show <id>                                       one letter: consumer, error, attempts, where it came from, what was done
  replay <id> | replay --all                      re-deliver to the consumer that failed it (applied once); --all: every open one
  discard <id> --reason "<why>"                   mark it dealt with without replaying (ids and types only in the reason)
Calls each service's ADMIN endpoints (/v1/dead-letters) with a local ADMIN token (JWT_SECRET or the local development secret).
--service limits it to one service (${Object.keys(DLQ_SERVICES).join(', ')}); --url points at it elsewhere.`;

export type DlqCommand =
  | { kind: 'list'; status: string }
  | { kind: 'show'; id: string }
  | { kind: 'replay'; id: string }
  | { kind: 'replay-all' }
  | { kind: 'discard'; id: string; reason: string };

export interface DlqRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The command from the positional arguments and options, or a reason it is not one. */
export const parseDlqCommand = (
  positionals: string[],
  options: { status?: string; all?: boolean; reason?: string },
): DlqCommand | { error: string } => {
  const [verb, id] = positionals;
  const needsId = (): string | null => (id && UUID.test(id) ? id : null);
  switch (verb) {
    case 'list': {
      const status = (options.status ?? 'PARKED').toUpperCase();
      return ['PARKED', 'REPLAYED', 'DISCARDED', 'ALL'].includes(status) ? { kind: 'list', status } : { error: `unknown status ${status}` };
    }
    case 'show':
      return needsId() ? { kind: 'show', id: id! } : { error: 'show needs a dead letter id (a UUID)' };
    case 'replay':
      if (options.all) return id ? { error: 'replay takes an id or --all, not both' } : { kind: 'replay-all' };
      return needsId() ? { kind: 'replay', id: id! } : { error: 'replay needs a dead letter id (a UUID) or --all' };
    case 'discard':
      if (!needsId()) return { error: 'discard needs a dead letter id (a UUID)' };
      return options.reason?.trim() ? { kind: 'discard', id: id!, reason: options.reason.trim() } : { error: 'discard needs --reason' };
    default:
      return { error: verb ? `unknown command ${verb}` : 'no command' };
  }
};

export const requestFor = (command: DlqCommand): DlqRequest => {
  switch (command.kind) {
    case 'list':
      return { method: 'GET', path: `/v1/dead-letters?status=${command.status}&limit=500` };
    case 'show':
      return { method: 'GET', path: `/v1/dead-letters/${command.id}` };
    case 'replay':
      return { method: 'POST', path: `/v1/dead-letters/${command.id}/replay` };
    case 'replay-all':
      return { method: 'POST', path: '/v1/dead-letters/replay', body: {} };
    case 'discard':
      return { method: 'POST', path: `/v1/dead-letters/${command.id}/discard`, body: { reason: command.reason } };
  }
};
