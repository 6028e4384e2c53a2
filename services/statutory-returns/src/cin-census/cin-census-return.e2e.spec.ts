import { eventually, type ServicesUnderTest } from '@csc/testing';
import { checkAgainstCensusSchema } from '../../../../tools/census/census-schema';
import { ReturnsHarness, startReturnsServices } from '../../test/returns.e2e-harness';
import { laChildIdOf } from '../child-records/domain/la-child-id';

/** The file's text of one child, found by the LAchildID the census gives it. */
const childBlock = (xml: string, childId: string): string | undefined =>
  xml.match(new RegExp(`<Child><ChildIdentifiers><LAchildID>${laChildIdOf(childId)}</LAchildID>.*?</Child>`))?.[0];
const withoutDateTime = (xml: string) => xml.replace(/<DateTime>[^<]*<\/DateTime>/, '');

describe('the CIN census return, made from the log over HTTP', () => {
  let running: ServicesUnderTest;
  let harness: ReturnsHarness;
  const children: Record<string, { childId: string; referralId: string }> = {};

  const census = async (year = '2025-26', role: 'ANALYST' | 'ADMIN' = 'ANALYST') =>
    (await harness.expect(harness.call('statutory-returns', 'get', `/v1/returns/cin-census/${year}`, role), 200)).text;
  /** The census once the returns service has read everything the other services published. */
  const censusHolding = (childIds: string[], year = '2025-26') =>
    eventually(
      async () => {
        const xml = await census(year);
        for (const childId of childIds) expect(childBlock(xml, childId)).toBeDefined();
        // The re-referral reaches the log through the referral's relay (and the case's, once case-progression
        // has opened it) after the child's first referral: a child being there does not mean all its referrals are.
        if (childIds.includes(children.twice.childId)) expect(childBlock(xml, children.twice.childId)).toContain('2025-10-06');
        return xml;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );

  beforeAll(async () => {
    running = await startReturnsServices('cin_census');
    harness = new ReturnsHarness(running);

    // A full journey: referral, acceptance, assessment with factors, strategy discussion, S47, ICPC on a
    // working day, CP plan with two reviews, plan end, CIN plan, closure on 31 March (still in the year).
    children.journey = await harness.refer(
      {
        givenName: 'Jemima',
        familyName: 'Journey',
        dateOfBirth: '2014-06-01',
        sex: 'F',
        upn: 'E823201400001',
        ethnicity: 'MWBC',
        disabilities: ['COMM', 'LD'],
      },
      '2025-05-06T09:30:00Z',
      { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1' },
    );
    const journey = await harness.caseOf(children.journey.childId, children.journey.referralId);
    const { assessmentId } = await journey.write('/assessments', { startedAt: '2025-05-07' });
    const { section47Id } = await journey.write('/strategy-discussions', { heldOn: '2025-05-08', section47: true });
    await journey.write(`/section47/${section47Id}/outcome`, { concludedOn: '2025-05-20', icpcRequired: true });
    const { cpPlanId } = await journey.write('/conferences', { heldOn: '2025-05-28', childProtectionPlan: true, category: 'NEG' });
    await journey.write(`/assessments/${assessmentId}/completion`, {
      authorisedAt: '2025-06-10',
      factors: ['16A', '3B'],
      outcome: 'CHILD_IN_NEED',
    });
    await journey.write(`/cp-plans/${cpPlanId}/reviews`, { heldOn: '2025-08-27' });
    await journey.write(`/cp-plans/${cpPlanId}/reviews`, { heldOn: '2026-02-18', latestCategory: 'EMO' });
    await journey.write(`/cp-plans/${cpPlanId}/end`, { endedOn: '2026-03-02' });
    const { cinPlanId } = await journey.write('/cin-plans', { startedOn: '2026-03-03' });
    await journey.write(`/cin-plans/${cinPlanId}/end`, { endedOn: '2026-03-30' });
    await journey.write('/closure', { closedOn: '2026-03-31', reason: 'RC7' });

    // Year boundaries: open since an earlier year (in); referred on 1 April of the next year (out).
    children.fromEarlierYear = await harness.refer(
      { givenName: 'Olwen', familyName: 'Earlier', dateOfBirth: '2010-02-11', sex: 'F', ethnicity: 'WBRI', disabilities: ['NONE'] },
      '2024-11-12T10:00:00Z',
      { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N4' },
    );
    children.nextYear = await harness.refer(
      { givenName: 'Neville', familyName: 'Nextyear', dateOfBirth: '2012-07-07', sex: 'M', ethnicity: 'AIND', disabilities: ['NONE'] },
      '2026-04-01T09:00:00Z',
      { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N5' },
    );
    // A referral closed with no further action, and an unborn child.
    children.nfa = await harness.refer(
      { givenName: 'Nadia', familyName: 'Nofurther', dateOfBirth: '2016-09-09', sex: 'F', ethnicity: 'BAFR', disabilities: ['NONE'] },
      '2025-09-15T11:00:00Z',
      { outcome: 'NFA', primaryNeed: 'N9' },
    );
    children.unborn = await harness.refer(
      { givenName: 'Baby', familyName: 'Unborn', expectedDateOfBirth: '2026-05-20', sex: 'F', ethnicity: 'NOBT', disabilities: ['NONE'] },
      '2025-12-01T09:00:00Z',
      { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1' },
    );
    // Two CIN episodes in one year: the first closed after assessment, then a re-referral.
    const twice = {
      givenName: 'Tobias',
      familyName: 'Twice',
      dateOfBirth: '2011-03-03',
      postcode: 'FY1 4QS',
      upn: 'D823201100001',
      sex: 'M',
      ethnicity: 'WOTH',
      disabilities: ['NONE'],
    };
    children.twice = await harness.refer(twice, '2025-04-22T09:00:00Z', { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N5' });
    const first = await harness.caseOf(children.twice.childId, children.twice.referralId);
    const { assessmentId: firstAssessment } = await first.write('/assessments', { startedAt: '2025-04-23' });
    await first.write(`/assessments/${firstAssessment}/completion`, {
      authorisedAt: '2025-05-30',
      factors: ['21'],
      outcome: 'NO_FURTHER_ACTION',
    });
    await first.write('/closure', { closedOn: '2025-06-02', reason: 'RC8' });
    children.twiceAgain = await harness.refer(twice, '2025-10-06T09:00:00Z', { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N5' });
    expect(children.twiceAgain.childId).toBe(children.twice.childId);
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
  });

  const inTheYear = () =>
    Object.values(children)
      .map((child) => child.childId)
      .filter((id) => id !== children.nextYear.childId);

  it('states a full journey with every date and code exactly as recorded, and the file is valid against the DfE schema', async () => {
    const xml = await censusHolding(inTheYear());
    const schema = checkAgainstCensusSchema(xml);
    expect(schema.problems).toEqual([]);
    expect(schema.valid).toBe(true);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Message><Header><CollectionDetails><Collection>CIN<\/Collection><Year>2026<\/Year><ReferenceDate>2026-03-31<\/ReferenceDate><\/CollectionDetails><Source><SourceLevel>L<\/SourceLevel><LEA>888<\/LEA>/,
    );
    expect(childBlock(xml, children.journey.childId)).toBe(
      `<Child><ChildIdentifiers><LAchildID>${laChildIdOf(children.journey.childId)}</LAchildID><UPN>E823201400001</UPN>` +
        '<PersonBirthDate>2014-06-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>' +
        '<ChildCharacteristics><Ethnicity>MWBC</Ethnicity><Disabilities><Disability>COMM</Disability><Disability>LD</Disability></Disabilities></ChildCharacteristics>' +
        '<CINdetails><CINreferralDate>2025-05-06</CINreferralDate><ReferralSource>6</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>' +
        '<CINclosureDate>2026-03-31</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>' +
        '<Assessments><AssessmentActualStartDate>2025-05-07</AssessmentActualStartDate><AssessmentAuthorisationDate>2025-06-10</AssessmentAuthorisationDate>' +
        '<FactorsIdentifiedAtAssessment><AssessmentFactors>16A</AssessmentFactors><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>' +
        '<CINPlanDates><CINPlanStartDate>2026-03-03</CINPlanStartDate><CINPlanEndDate>2026-03-30</CINPlanEndDate></CINPlanDates>' +
        // 15 working days from Thursday 8 May 2025 (the late May bank holiday on the 26th skipped).
        '<Section47><S47ActualStartDate>2025-05-08</S47ActualStartDate><InitialCPCtarget>2025-05-30</InitialCPCtarget>' +
        '<DateOfInitialCPC>2025-05-28</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>' +
        '<ReferralNFA>false</ReferralNFA>' +
        '<ChildProtectionPlans><CPPstartDate>2025-05-28</CPPstartDate><CPPendDate>2026-03-02</CPPendDate>' +
        '<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP>' +
        '<Reviews><CPPreviewDate>2025-08-27</CPPreviewDate><CPPreviewDate>2026-02-18</CPPreviewDate></Reviews></ChildProtectionPlans>' +
        '</CINdetails></Child>',
    );
  });

  it('holds every child with an episode open in the year and no other: open from an earlier year in, referred on 1 April next year out', async () => {
    const xml = await censusHolding([children.fromEarlierYear.childId]);
    expect(childBlock(xml, children.fromEarlierYear.childId)).toContain('<CINreferralDate>2024-11-12</CINreferralDate>');
    expect(childBlock(xml, children.nextYear.childId)).toBeUndefined();
    const nextYear = await censusHolding([children.nextYear.childId], '2026-27');
    expect(childBlock(nextYear, children.nextYear.childId)).toContain('<CINreferralDate>2026-04-01</CINreferralDate>');
    expect(childBlock(nextYear, children.journey.childId)).toBeUndefined(); // closed on 31 March: the year before's
  });

  it('states an NFA referral, an unborn child, and a re-referral as a second CINdetails of the same child', async () => {
    const xml = await censusHolding([children.nfa.childId, children.unborn.childId, children.twice.childId]);
    expect(childBlock(xml, children.nfa.childId)).toContain(
      '<CINdetails><CINreferralDate>2025-09-15</CINreferralDate><ReferralSource>6</ReferralSource><PrimaryNeedCode>N9</PrimaryNeedCode><ReferralNFA>true</ReferralNFA></CINdetails>',
    );
    const unborn = childBlock(xml, children.unborn.childId)!;
    expect(unborn).toContain('<ExpectedPersonBirthDate>2026-05-20</ExpectedPersonBirthDate><Sex>U</Sex>');
    expect(unborn).not.toContain('<PersonBirthDate>');
    const twice = childBlock(xml, children.twice.childId)!;
    expect(twice.match(/<CINdetails>/g)).toHaveLength(2);
    expect(twice).toContain(
      '<CINreferralDate>2025-04-22</CINreferralDate><ReferralSource>6</ReferralSource><PrimaryNeedCode>N5</PrimaryNeedCode><CINclosureDate>2025-06-02</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>',
    );
    expect(twice).toContain('<AssessmentFactors>21</AssessmentFactors>');
    expect(twice).toContain('<CINreferralDate>2025-10-06</CINreferralDate>');
  });

  it('reports what the DfE validator would say, naming child, case and element, with counts by rule', async () => {
    await censusHolding(
      Object.values(children)
        .map((child) => child.childId)
        .filter((id) => id !== children.nextYear.childId),
    );
    const report = (await harness.expect(harness.call('statutory-returns', 'get', '/v1/returns/cin-census/2025-26/report', 'ADMIN'), 200))
      .body;
    expect(report).toMatchObject({ year: '2025-26', collectionPeriod: { start: '2025-04-01', end: '2026-03-31' }, children: 5 });
    const journeyFindings = report.findings.filter((finding: { childId: string }) => finding.childId === children.journey.childId);
    expect(journeyFindings).toEqual([]);
    // Olwen is of school age with neither a UPN nor a reason for its absence: queried (8770Q), naming the element.
    const olwen = report.findings.filter((finding: { childId: string }) => finding.childId === children.fromEarlierYear.childId);
    expect(olwen).toEqual([
      expect.objectContaining({ rule: '8770Q', severity: 'QUERY', laChildId: laChildIdOf(children.fromEarlierYear.childId), field: 'UPN' }),
    ]);
    const counts = new Map(report.counts.map((row: { rule: string; count: number }) => [row.rule, row.count]));
    expect(counts.size).toBeGreaterThanOrEqual(100);
    expect(report.errors + report.queries).toBe(report.findings.length);
  });

  it("takes a social worker's correction of the child's details: the file states it and the query goes", async () => {
    const olwen = await harness.caseOf(children.fromEarlierYear.childId, children.fromEarlierYear.referralId);
    await olwen.write('/child-characteristics', { upnUnknownReason: 'UN3', disabilities: ['VIS'] });
    const xml = await eventually(
      async () => {
        const file = await census();
        expect(childBlock(file, children.fromEarlierYear.childId)).toContain('<UPNunknown>UN3</UPNunknown>');
        return file;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(childBlock(xml, children.fromEarlierYear.childId)).toContain('<Disabilities><Disability>VIS</Disability></Disabilities>');
    const report = (await harness.expect(harness.call('statutory-returns', 'get', '/v1/returns/cin-census/2025-26/report', 'ANALYST'), 200))
      .body;
    expect(report.findings.filter((finding: { childId: string }) => finding.childId === children.fromEarlierYear.childId)).toEqual([]);
  });

  it('answers only the LA analysts and admins; a year that is not one is a 400 naming it', async () => {
    expect((await harness.call('statutory-returns', 'get', '/v1/returns/cin-census/2025-26', 'SOCIAL_WORKER')).status).toBe(403);
    expect((await harness.call('statutory-returns', 'get', '/v1/returns/cin-census/2025-26', 'SCHOOL')).status).toBe(403);
    const otherAuthority = await harness.call(
      'statutory-returns',
      'get',
      '/v1/returns/cin-census/2025-26',
      'ANALYST',
      undefined,
      undefined,
      'LA999',
    );
    expect(otherAuthority.status).toBe(403);
    expect(otherAuthority.body.message).toEqual(["org: the returns are local authority 888's own; another organisation may not make them"]);
    const bad = await harness.call('statutory-returns', 'get', '/v1/returns/cin-census/2025-27', 'ANALYST');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['year: must be a collection year as the DfE writes it, e.g. 2025-26']);
    const empty = await harness.call('statutory-returns', 'get', '/v1/returns/cin-census/2019-20', 'ANALYST');
    expect(empty.status).toBe(422);
  });

  it('gives the same file, byte for byte but the header time, from a projection rebuilt from offset 0', async () => {
    const live = await censusHolding(
      Object.values(children)
        .map((child) => child.childId)
        .filter((id) => id !== children.nextYear.childId),
    );
    const rebuild = await harness.expect(
      harness.call('statutory-returns', 'post', '/v1/projections/child-records/rebuild', 'ANALYST'),
      202,
    );
    await eventually(
      async () => {
        const status = (await harness.expect(harness.call('statutory-returns', 'get', '/v1/projections', 'ANALYST'), 200)).body;
        expect(status).toEqual([expect.objectContaining({ projection: 'child-records', version: rebuild.body.version, state: 'CURRENT' })]);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(withoutDateTime(await census())).toBe(withoutDateTime(live));
  });
});
