import { Injectable } from '@nestjs/common';
import type { AppendContext } from '@csc/event-store';
import { decide, type CaseCommand } from './case.decider';
import { CaseRepository } from './case.repository';
import type { CaseState } from './domain/case.state';

export interface CaseCommandRequest {
  caseId: string;
  context: AppendContext;
  /** From If-Match (`expectedVersionFrom`); `versionToWriteOn` says what its absence means. */
  expectedVersion: number | undefined;
  command: (state: CaseState) => CaseCommand;
}

/** Every write on a case, through the shared command path: two writes made on the same version never both succeed. */
@Injectable()
export class CaseCommands {
  constructor(private readonly cases: CaseRepository) {}

  async execute({ caseId, context, expectedVersion, command }: CaseCommandRequest) {
    const { events, version, childId } = await this.cases.streams.execute({
      id: caseId,
      context,
      expectedVersion,
      decide: ({ state }) => decide(command(state), state),
    });
    // childId: whose record changed, for the audit trail (which reads it from the response).
    return { caseId, childId: childId!, version, recorded: events.map((event) => event.type) };
  }
}
