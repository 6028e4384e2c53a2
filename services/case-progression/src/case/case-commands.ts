import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConcurrencyError, type AppendContext } from '@csc/event-store';
import { decide, type CaseCommand } from './case.decider';
import { CaseRepository } from './case.repository';
import type { CaseState } from './domain/case.state';

export interface CaseCommandRequest {
  caseId: string;
  context: AppendContext;
  /** If-Match: every write on a case states the version it was decided on (API.md). */
  expectedVersion: number | undefined;
  command: (state: CaseState) => CaseCommand;
}

/** Load, decide, append with the caller's version: two writes made on the same version never both succeed. */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async execute({ caseId, context, expectedVersion, command }: CaseCommandRequest) {
    if (expectedVersion === undefined) throw new BadRequestException(['If-Match: required: the version from the last read of this case']);
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.cases.load(caseId, manager);
      if (!loaded) throw new NotFoundException([`id: no case ${caseId}`]);
      if (loaded.version !== expectedVersion) throw new ConcurrencyError(caseId, expectedVersion, loaded.version);
      const events = decide(command(loaded.state), loaded.state);
      const childId = loaded.state.opened!.childId;
      const version = await this.cases.append(caseId, childId, expectedVersion, events, context, manager);
      // childId: whose record changed, for the audit trail (which reads it from the response).
      return { caseId, childId, version, recorded: events.map((event) => event.type) };
    });
  }
}
