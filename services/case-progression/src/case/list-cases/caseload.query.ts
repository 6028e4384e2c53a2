import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterDueDateCursor, DEFAULT_PAGE_SIZE, dueDateKeys, dueDateOrder, pageOf, SqlConditions, type Page } from '@csc/platform';
import { isOverdue, type CaseDue } from '../domain/case-due-dates';
import type { CaseStage } from '../domain/case-stage';
import type { ListCasesQueryDto } from './list-cases.dto';

interface CaseloadRow {
  case_id: string;
  child_id: string;
  referral_id: string;
  stage: CaseStage;
  opened_on: string;
  next_due_what: CaseDue | null;
  next_due_on: string | null;
  version: number;
}

export interface CaseloadItem {
  caseId: string;
  childId: string;
  referralId: string;
  stage: CaseStage;
  openedOn: string;
  nextDue: { what: CaseDue; dueOn: string } | null;
  overdue: boolean;
  version: number;
}

/** A page of the caseload, soonest due first, with `overdue` worked out as of `today` (never stored, so never stale). */
@Injectable()
export class Caseload {
  constructor(private readonly dataSource: DataSource) {}

  async page(query: ListCasesQueryDto, today: string): Promise<Page<CaseloadItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const conditions = new SqlConditions();
    if (query.stage) conditions.and(`stage = ${conditions.param(query.stage)}`);
    if (query.dueBefore) conditions.and(`next_due_on < ${conditions.param(query.dueBefore)}::date`);
    // isOverdue's rule (overdue the day after the due date) as SQL, so the filter and each item's flag agree.
    if (query.overdue === 'true') conditions.and(`next_due_on < ${conditions.param(today)}::date`);
    if (query.overdue === 'false') conditions.and(`next_due_on IS NULL OR next_due_on >= ${conditions.param(today)}::date`);
    afterDueDateCursor(conditions, query.after, 'next_due_on', 'case_id');
    const rows: CaseloadRow[] = await this.dataSource.query(
      `SELECT case_id::text, child_id::text, referral_id::text, stage, opened_on::text, next_due_what, next_due_on::text, version
       FROM caseload ${conditions.where} ${dueDateOrder('next_due_on', 'case_id')} LIMIT ${conditions.param(limit + 1)}`,
      conditions.params,
    );
    return pageOf(
      rows,
      limit,
      (row) => dueDateKeys(row.next_due_on, row.case_id),
      (row) => ({
        caseId: row.case_id,
        childId: row.child_id,
        referralId: row.referral_id,
        stage: row.stage,
        openedOn: row.opened_on,
        nextDue: row.next_due_what && row.next_due_on ? { what: row.next_due_what, dueOn: row.next_due_on } : null,
        overdue: isOverdue({ status: row.stage === 'CLOSED' ? 'CLOSED' : 'OPEN' }, row.next_due_on, today),
        version: row.version,
      }),
    );
  }
}
