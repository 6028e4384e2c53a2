import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '@csc/auth';
import { commandContextOf, expectedVersionFrom } from '@csc/platform';
import type { CaseCommands } from './case-commands';
import type { CaseCommand } from './case.decider';
import type { CaseState } from './domain/case.state';

/** Who writes, with which If-Match, and where the new version (ETag) goes. */
export interface CaseWriteContext {
  user: AuthenticatedUser;
  request: Request;
  response: Response;
}

/** `@CaseWrite() write: CaseWriteContext` on every case write endpoint, instead of three parameters each. */
export const CaseWrite = createParamDecorator((_data: unknown, context: ExecutionContext): CaseWriteContext => {
  const http = context.switchToHttp();
  const request = http.getRequest<Request & { user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CaseWrite used on an endpoint without authentication');
  return { user: request.user, request, response: http.getResponse<Response>() };
});

/** Every write on a case: If-Match in, the new version out (body and ETag). */
export const writeCase = async (
  commands: CaseCommands,
  caseId: string,
  { user, request, response }: CaseWriteContext,
  command: (state: CaseState) => CaseCommand,
) => {
  const result = await commands.execute({
    caseId,
    context: commandContextOf(user, request.headers),
    expectedVersion: expectedVersionFrom(request.header('if-match')),
    command,
  });
  response.setHeader('ETag', `"${result.version}"`);
  return result;
};
