import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppendContext } from '@csc/event-store';
import { versionToWriteOn } from '@csc/platform';
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

/** Load, decide, append on the version decided on: two writes made on the same version never both succeed. */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async execute({ caseId, context, expectedVersion, command }: CaseCommandRequest) {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.cases.load(caseId, manager);
      if (!loaded) throw new NotFoundException([`id: no case ${caseId}`]);
      const decidedOn = versionToWriteOn(caseId, expectedVersion, loaded.version, 'required');
      const events = decide(command(loaded.state), loaded.state);
      const childId = loaded.state.opened!.childId;
      const version = await this.cases.append(caseId, childId, decidedOn, events, context, manager);
      // childId: whose record changed, for the audit trail (which reads it from the response).
      return { caseId, childId, version, recorded: events.map((event) => event.type) };
    });
  }
}
