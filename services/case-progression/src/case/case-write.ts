import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '@csc/auth';
import { commandContextOf, expectedVersionFrom } from '@csc/platform';
import type { CaseCommands } from './case-commands';
import type { CaseCommand } from './case.decider';
import type { CaseState } from './domain/case.state';

export interface CaseWrite {
  caseId: string;
  user: AuthenticatedUser;
  request: Request;
  response: Response;
  command: (state: CaseState) => CaseCommand;
}

/** Every write on a case: If-Match in, the new version out (body and ETag). */
export const writeCase = async (commands: CaseCommands, { caseId, user, request, response, command }: CaseWrite) => {
  const result = await commands.execute({
    caseId,
    context: commandContextOf(user, request.headers),
    expectedVersion: expectedVersionFrom(request.header('if-match')),
    command,
  });
  response.setHeader('ETag', `"${result.version}"`);
  return result;
};
