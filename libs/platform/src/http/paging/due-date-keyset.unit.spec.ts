import { BadRequestException } from '@nestjs/common';
import { afterDueDateCursor, dueDateKeys, dueDateOrder, SqlConditions } from './due-date-keyset';
import { encodeCursor } from './keyset-cursor';

const ID = '0c0c0c0c-0000-4000-8000-000000000001';

describe('keyset paging by a due date, soonest first, nothing due last', () => {
  it('numbers parameters as conditions are added', () => {
    const conditions = new SqlConditions();
    conditions.and(`stage = ${conditions.param('ASSESSMENT')}`).and(`due < ${conditions.param('2025-01-01')}`);
    expect(conditions.where).toBe('WHERE (stage = $1) AND (due < $2)');
    expect(conditions.params).toEqual(['ASSESSMENT', '2025-01-01']);
    expect(new SqlConditions().where).toBe('');
  });

  it('after a dated row: later dates, the same date with a greater id, then every undated row', () => {
    const conditions = new SqlConditions();
    afterDueDateCursor(conditions, encodeCursor(dueDateKeys('2025-03-07', ID)), 'due', 'id');
    expect(conditions.where).toBe('WHERE (due > $2::date OR (due = $2::date AND id > $1) OR due IS NULL)');
    expect(conditions.params).toEqual([ID, '2025-03-07']);
    expect(dueDateOrder('due', 'id')).toBe('ORDER BY due ASC NULLS LAST, id ASC');
  });

  it('after an undated row: only undated rows with a greater id', () => {
    const conditions = new SqlConditions();
    afterDueDateCursor(conditions, encodeCursor(dueDateKeys(null, ID)), 'due', 'id');
    expect(conditions.where).toBe('WHERE (due IS NULL AND id > $1)');
  });

  it.each([
    ['another list', encodeCursor([42])],
    ['not a date', encodeCursor(['soon', ID])],
    ['not an id', encodeCursor(['2025-03-07', 'x'])],
    ['not a cursor', '!!'],
  ])('refuses the cursor of %s: 400 naming `after`', (_, after) => {
    const attempt = () => afterDueDateCursor(new SqlConditions(), after, 'due', 'id');
    expect(attempt).toThrow(BadRequestException);
    try {
      attempt();
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toMatchObject({ message: [expect.stringMatching(/^after: /)] });
    }
  });
});
