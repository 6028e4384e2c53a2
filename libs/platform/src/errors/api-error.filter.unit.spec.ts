import type { ArgumentsHost } from '@nestjs/common';
import { ApiErrorFilter } from './api-error.filter';

/** The filter's answer to an error thrown while serving an HTTP request: status, headers and body. */
const answerTo = (exception: unknown) => {
  const answer = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    status: (code: number) => ((answer.status = code), { json: (body: unknown) => (answer.body = body) }),
    setHeader: (name: string, value: string) => (answer.headers[name] = value),
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiErrorFilter().catch(exception, host);
  return answer;
};

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('the API error filter', () => {
  it.each([
    ['the pool had no connection to give in time', new Error('timeout exceeded when trying to connect')],
    ['the database is starting up', withCode('the database system is starting up', '57P03')],
    ['a deadlock', withCode('deadlock detected', '40P01')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
  ])('answers 503 with Retry-After when %s: a moment of trouble, not a fault', (_, error) => {
    expect(answerTo(error)).toEqual({
      status: 503,
      headers: { 'Retry-After': '5' },
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: ['service: busy or briefly unavailable; nothing was written, try again shortly'],
      },
    });
  });

  it('answers a bare 500 for anything it does not know, saying nothing of it', () => {
    expect(answerTo(new TypeError("Cannot read properties of undefined (reading 'x')"))).toEqual({
      status: 500,
      headers: {},
      body: { statusCode: 500, error: 'Internal Server Error', message: ['internal error'] },
    });
  });
});
