import { aChild, anEpisode, aReturn } from '../../../test/census-builders';
import { aCpPlan, anEnquiry } from '../../../test/child-protection-builders';
import type { CensusChild } from './census-return';
import { censusXml, type CensusFileSource } from './census-xml';

const SOURCE: CensusFileSource = { softwareCode: 'csc-returns', release: '1.4.0', madeAt: new Date('2026-05-01T09:15:30.250Z') };

const xmlOf = (children: CensusChild[], source = SOURCE) => censusXml(aReturn(children), source);
const childXmlOf = (child: CensusChild) => /<Child>.*<\/Child>/s.exec(xmlOf([child]))![0];
/** Element names in the order their opening tags appear. */
const elementsOf = (xml: string) => [...xml.matchAll(/<([A-Za-z0-9]+)>/g)].map((match) => match[1]);

/** Every element the 2025-26 schema lets a child have, for the order test (UPN and UPNunknown together only here). */
const aChildWithEverything = () =>
  aChild({
    upn: 'A123456789012',
    formerUpn: 'B123456789012',
    upnUnknownReason: 'UN5',
    personBirthDate: '2015-03-14',
    expectedPersonBirthDate: '2015-03-20',
    sex: 'F',
    personDeathDate: '2026-03-03',
    ethnicity: 'WBRI',
    disabilities: ['HAND', 'VIS'],
    episodes: [
      anEpisode({
        cinClosureDate: '2026-03-03',
        reasonForClosure: 'RC2',
        dateOfInitialCpc: '2025-06-12',
        assessments: [{ startDate: '2025-05-07', authorisationDate: '2025-06-02', factors: ['16A', '3A'] }],
        cinPlans: [{ startDate: '2025-06-03', endDate: '2025-06-12' }],
        section47s: [anEnquiry()],
        cpPlans: [aCpPlan({ endDate: '2026-01-15', reviewDates: ['2025-08-28', '2025-11-27'] })],
      }),
    ],
  });

describe('censusXml: the return as the DfE’s 2025-26 XML file', () => {
  it('writes a child with everything in the order CIN_schema_2025-26.xsd demands', () => {
    expect(elementsOf(childXmlOf(aChildWithEverything()))).toEqual([
      'Child',
      'ChildIdentifiers',
      'LAchildID',
      'UPN',
      'FormerUPN',
      'UPNunknown',
      'PersonBirthDate',
      'ExpectedPersonBirthDate',
      'Sex',
      'PersonDeathDate',
      'ChildCharacteristics',
      'Ethnicity',
      'Disabilities',
      'Disability',
      'Disability',
      'CINdetails',
      'CINreferralDate',
      'ReferralSource',
      'PrimaryNeedCode',
      'CINclosureDate',
      'ReasonForClosure',
      'DateOfInitialCPC',
      'Assessments',
      'AssessmentActualStartDate',
      'AssessmentAuthorisationDate',
      'FactorsIdentifiedAtAssessment',
      'AssessmentFactors',
      'AssessmentFactors',
      'CINPlanDates',
      'CINPlanStartDate',
      'CINPlanEndDate',
      'Section47',
      'S47ActualStartDate',
      'InitialCPCtarget',
      'DateOfInitialCPC',
      'ICPCnotRequired',
      'ReferralNFA',
      'ChildProtectionPlans',
      'CPPstartDate',
      'CPPendDate',
      'InitialCategoryOfAbuse',
      'LatestCategoryOfAbuse',
      'NumberOfPreviousCPP',
      'Reviews',
      'CPPreviewDate',
      'CPPreviewDate',
    ]);
  });

  it('puts each value in its element', () => {
    const xml = childXmlOf(aChildWithEverything());

    expect(xml).toContain('<Disabilities><Disability>HAND</Disability><Disability>VIS</Disability></Disabilities>');
    expect(xml).toContain('<ReferralNFA>false</ReferralNFA>');
    expect(xml).toContain(
      '<Section47><S47ActualStartDate>2025-05-08</S47ActualStartDate><InitialCPCtarget>2025-05-30</InitialCPCtarget>' +
        '<DateOfInitialCPC>2025-05-29</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>',
    );
    expect(xml).toContain('<NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>2025-08-28</CPPreviewDate>');
  });

  it('leaves out an optional element with no value, never writing it empty', () => {
    const sparse = aChild({
      upn: null,
      upnUnknownReason: 'UN1',
      personBirthDate: null,
      expectedPersonBirthDate: '2026-06-01',
      sex: 'U',
      disabilities: [],
      episodes: [
        anEpisode({
          primaryNeedCode: null,
          assessments: [{ startDate: '2026-03-02', authorisationDate: null, factors: [] }],
          cinPlans: [{ startDate: '2026-03-03', endDate: null }],
          section47s: [anEnquiry({ dateOfInitialCpc: null, initialCpcTarget: null })],
          cpPlans: [aCpPlan({ reviewDates: [] })],
        }),
      ],
    });

    const xml = childXmlOf(sparse);

    expect(xml).not.toMatch(/<(\w+)><\/\1>|<\w+\/>/);
    for (const absent of ['<UPN>', '<FormerUPN>', '<PersonBirthDate>', '<PersonDeathDate>', '<Disabilities>', '<PrimaryNeedCode>'])
      expect(xml).not.toContain(absent);
    for (const absent of ['<CINclosureDate>', '<ReasonForClosure>', '<AssessmentAuthorisationDate>', '<FactorsIdentifiedAtAssessment>'])
      expect(xml).not.toContain(absent);
    for (const absent of ['<CINPlanEndDate>', '<InitialCPCtarget>', '<DateOfInitialCPC>', '<CPPendDate>', '<Reviews>'])
      expect(xml).not.toContain(absent);
  });

  it('says what the schema demands when nothing was recorded: Sex U and Ethnicity NOBT (not yet obtained)', () => {
    const xml = childXmlOf(aChild({ sex: null, ethnicity: null }));

    expect(xml).toContain('<Sex>U</Sex>');
    expect(xml).toContain('<Ethnicity>NOBT</Ethnicity>');
  });

  it('escapes &, < and > in the text it writes', () => {
    const xml = xmlOf([aChild()], { ...SOURCE, softwareCode: 'R&D <returns>', release: '1 > 0' });

    expect(xml).toContain('<SoftwareCode>R&amp;D &lt;returns&gt;</SoftwareCode><Release>1 &gt; 0</Release>');
  });

  it('heads the file with the collection, its year and reference date, and who made it when', () => {
    const xml = xmlOf([aChild()]);

    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header>')).toBe(true);
    expect(xml).toContain(
      '<Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails>' +
        '<Source><SourceLevel>L</SourceLevel><LEA>823</LEA><SoftwareCode>csc-returns</SoftwareCode><Release>1.4.0</Release>' +
        '<SerialNo>001</SerialNo><DateTime>2026-05-01T09:15:30</DateTime></Source></Header><Children><Child>',
    );
    expect(xml.endsWith('</Children></Message>\n')).toBe(true);
  });

  it('writes the children in the order the return lists them', () => {
    const xml = xmlOf([aChild({ laChildId: 'A1' }), aChild({ laChildId: 'B2' })]);

    expect([...xml.matchAll(/<LAchildID>(\w+)<\/LAchildID>/g)].map((match) => match[1])).toEqual(['A1', 'B2']);
  });

  it('gives the same file for the same return made at the same time, and differs only in DateTime at another', () => {
    const children = [aChildWithEverything(), aChild({ laChildId: 'B2' })];

    const first = xmlOf(children);
    const later = xmlOf(children, { ...SOURCE, madeAt: new Date('2026-05-02T10:00:00Z') });

    expect(xmlOf(structuredClone(children))).toBe(first);
    expect(later.replace(/<DateTime>[^<]*<\/DateTime>/, '')).toBe(first.replace(/<DateTime>[^<]*<\/DateTime>/, ''));
    expect(later).not.toBe(first);
  });
});
