import { BadRequestException } from '@nestjs/common';
import { decodeCursor, type CursorKey } from './keyset-cursor';

/** A query's conditions with numbered parameters, so filters and the keyset compose without counting `$n` by hand. */
export class SqlConditions {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a parameter and answers its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.conditions.push(`(${condition})`);
    return this;
  }

  get where(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}

/** A list ordered by a due date, soonest first, rows with nothing due last, then by id (unique, so the order is total). */
export const dueDateOrder = (dueColumn: string, idColumn: string): string => `ORDER BY ${dueColumn} ASC NULLS LAST, ${idColumn} ASC`;

/** The keys of a row of such a list, for its cursor: its due date (or null) and its id. */
export const dueDateKeys = (dueOn: string | null, id: string): CursorKey[] => [dueOn, id];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Only rows strictly after the cursor's row in `dueDateOrder`: later due dates, the same due date
 * with a greater id, or nothing due (after every dated row); after a row with nothing due, only
 * undated rows with a greater id. A cursor that is not one of this list's is the caller's 400.
 */
export const afterDueDateCursor = (conditions: SqlConditions, after: string | undefined, dueColumn: string, idColumn: string): void => {
  if (after === undefined) return;
  const keys = decodeCursor(after);
  const [dueOn, id] = keys ?? [];
  const valid =
    keys?.length === 2 && (dueOn === null || (typeof dueOn === 'string' && DATE.test(dueOn))) && typeof id === 'string' && UUID.test(id);
  if (!valid) throw new BadRequestException(['after: must be the `next` of an earlier page of this list']);
  const idParam = conditions.param(id);
  if (dueOn === null) {
    conditions.and(`${dueColumn} IS NULL AND ${idColumn} > ${idParam}`);
    return;
  }
  const dueParam = conditions.param(dueOn);
  conditions.and(
    `${dueColumn} > ${dueParam}::date OR (${dueColumn} = ${dueParam}::date AND ${idColumn} > ${idParam}) OR ${dueColumn} IS NULL`,
  );
};
