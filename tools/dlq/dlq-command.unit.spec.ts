import { parseDlqCommand, requestFor, type DlqCommand } from './dlq-command';

const ID = '0b6f5c1e-3d2a-4f4e-9a1b-2c3d4e5f6a7b';

const requestOf = (positionals: string[], options: Parameters<typeof parseDlqCommand>[1] = {}) => {
  const command = parseDlqCommand(positionals, options);
  if ('error' in command) throw new Error(command.error);
  return requestFor(command as DlqCommand);
};

describe("npm run dlq: commands to the services' /v1/dead-letters", () => {
  it('lists the open letters by default, or those of a status', () => {
    expect(requestOf(['list'])).toEqual({ method: 'GET', path: '/v1/dead-letters?status=PARKED&limit=500' });
    expect(requestOf(['list'], { status: 'all' })).toEqual({ method: 'GET', path: '/v1/dead-letters?status=ALL&limit=500' });
    expect(parseDlqCommand(['list'], { status: 'LOST' })).toEqual({ error: 'unknown status LOST' });
  });

  it('shows, replays and discards one letter by its id', () => {
    expect(requestOf(['show', ID])).toEqual({ method: 'GET', path: `/v1/dead-letters/${ID}` });
    expect(requestOf(['replay', ID])).toEqual({ method: 'POST', path: `/v1/dead-letters/${ID}/replay` });
    expect(requestOf(['discard', ID], { reason: ' sent twice ' })).toEqual({
      method: 'POST',
      path: `/v1/dead-letters/${ID}/discard`,
      body: { reason: 'sent twice' },
    });
  });

  it('replays every open letter with --all', () => {
    expect(requestOf(['replay'], { all: true })).toEqual({ method: 'POST', path: '/v1/dead-letters/replay', body: {} });
  });

  it('says what is wrong with a command', () => {
    expect(parseDlqCommand(['replay'], {})).toEqual({ error: 'replay needs a dead letter id (a UUID) or --all' });
    expect(parseDlqCommand(['replay', ID], { all: true })).toEqual({ error: 'replay takes an id or --all, not both' });
    expect(parseDlqCommand(['discard', ID], {})).toEqual({ error: 'discard needs --reason' });
    expect(parseDlqCommand(['show', 'nope'], {})).toEqual({ error: 'show needs a dead letter id (a UUID)' });
    expect(parseDlqCommand(['purge'], {})).toEqual({ error: 'unknown command purge' });
  });
});
