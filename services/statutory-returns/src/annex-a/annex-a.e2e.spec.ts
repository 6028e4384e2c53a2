import ExcelJS from 'exceljs';
import { eventually, type ServicesUnderTest } from '@csc/testing';
import { ReturnsHarness, startReturnsServices } from '../../test/returns.e2e-harness';
import { laChildIdOf } from '../child-records/domain/la-child-id';

const AS_OF = '2026-03-31';

const workbookOf = async (body: Buffer): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
};
/** The first column of every data row of a sheet: the children it lists. */
const childIdsOn = (workbook: ExcelJS.Workbook, sheetName: string): string[] => {
  const ids: string[] = [];
  workbook.getWorksheet(sheetName)!.eachRow((row, number) => {
    if (number > 1) ids.push(String(row.getCell(1).value));
  });
  return ids;
};

describe("Ofsted's Annex A and the census after an erasure, over HTTP", () => {
  let running: ServicesUnderTest;
  let harness: ReturnsHarness;
  let kept: { childId: string; referralId: string };
  let erased: { childId: string; referralId: string };

  const annexA = () => harness.expect(harness.download('statutory-returns', `/v1/returns/annex-a?asOf=${AS_OF}`, 'ANALYST'), 200);
  const census = async () =>
    (await harness.expect(harness.call('statutory-returns', 'get', '/v1/returns/cin-census/2025-26', 'ANALYST'), 200)).text;

  beforeAll(async () => {
    running = await startReturnsServices('annex_a');
    harness = new ReturnsHarness(running);
    kept = await harness.refer(
      { givenName: 'Keeley', familyName: 'Kept', dateOfBirth: '2013-05-05', sex: 'F', ethnicity: 'WBRI', disabilities: ['NONE'] },
      '2026-01-12T09:00:00Z',
      { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1' },
    );
    erased = await harness.refer(
      { givenName: 'Erasmus', familyName: 'Erased', dateOfBirth: '2012-04-04', sex: 'M', ethnicity: 'WBRI', disabilities: ['NONE'] },
      '2026-01-13T09:00:00Z',
      { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N4' },
    );
    const keptCase = await harness.caseOf(kept.childId, kept.referralId);
    await keptCase.write('/assessments', { startedAt: '2026-01-13' });
    await harness.caseOf(erased.childId, erased.referralId);
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
  });

  it('answers an .xlsx workbook with a sheet per list and each child on the lists it belongs to', async () => {
    const response = await eventually(
      async () => {
        const answer = await annexA();
        const workbook = await workbookOf(answer.body);
        expect(childIdsOn(workbook, 'List 6 - Children in need')).toEqual(
          expect.arrayContaining([laChildIdOf(kept.childId), laChildIdOf(erased.childId)]),
        );
        // The kept child's assessment is a later event than its case's opening: projected after it, perhaps after this read.
        expect(childIdsOn(workbook, 'List 4 - Assessments')).toContain(laChildIdOf(kept.childId));
        return answer;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="annex-a-${AS_OF}.xlsx"`);
    const workbook = await workbookOf(response.body);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'List 1 - Contacts',
      'List 2 - Early help',
      'List 3 - Referrals',
      'List 4 - Assessments',
      'List 5 - Section 47s',
      'List 6 - Children in need',
      'List 7 - Child protection',
      'List 8 - Children in care',
    ]);
    expect(childIdsOn(workbook, 'List 1 - Contacts')).toEqual([laChildIdOf(kept.childId), laChildIdOf(erased.childId)]);
    expect(childIdsOn(workbook, 'List 4 - Assessments')).toEqual([laChildIdOf(kept.childId)]);
  });

  it('refuses a day in the future or not a day, naming asOf, and callers outside the LA analysts and admins', async () => {
    const future = await harness.call('statutory-returns', 'get', '/v1/returns/annex-a?asOf=2999-01-01', 'ANALYST');
    expect(future.status).toBe(400);
    expect(future.body.message).toEqual(['asOf: must not be in the future']);
    expect((await harness.call('statutory-returns', 'get', '/v1/returns/annex-a?asOf=2026-02-30', 'ANALYST')).status).toBe(400);
    expect((await harness.call('statutory-returns', 'get', '/v1/returns/annex-a', 'FRONT_DOOR')).status).toBe(403);
  });

  it('leaves an erased child out of the census and Annex A, and keeps the others', async () => {
    expect(await census()).toContain(laChildIdOf(erased.childId));
    await harness.expect(
      harness.call('referral-intake', 'post', `/v1/children/${erased.childId}/erasure`, 'ADMIN', { reason: 'Erasure request upheld.' }),
      201,
    );
    await eventually(
      async () => {
        const file = await census();
        expect(file).not.toContain(laChildIdOf(erased.childId));
        expect(file).toContain(laChildIdOf(kept.childId));
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const workbook = await workbookOf((await annexA()).body);
    for (const sheet of workbook.worksheets) expect(childIdsOn(workbook, sheet.name)).not.toContain(laChildIdOf(erased.childId));
    expect(childIdsOn(workbook, 'List 6 - Children in need')).toEqual([laChildIdOf(kept.childId)]);
  });

  it('writes who exported which children to the audit trail', async () => {
    const trail = (await harness.expect(harness.call('statutory-returns', 'get', `/v1/audit-log?childId=${kept.childId}`, 'ADMIN'), 200))
      .body;
    const exports = trail.items.map(
      (entry: { resourceKind: string; route: string; scope: string | null; userRole: string }) =>
        `${entry.resourceKind} ${entry.route} ${entry.scope} ${entry.userRole}`,
    );
    expect(exports).toEqual(
      expect.arrayContaining([
        `annex-a-return /v1/returns/annex-a asOf=${AS_OF} ANALYST`,
        'cin-census-return /v1/returns/cin-census/{year} year=2025-26 ANALYST',
      ]),
    );
  });
});
