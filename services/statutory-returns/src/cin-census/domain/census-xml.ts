import type { CensusAssessment, CensusChild, CensusCpPlan, CensusReturn, CensusSection47, CinDetails } from './census-return';

/** Who made the file, for the header's Source (the DfE asks suppliers to say). */
export interface CensusFileSource {
  softwareCode: string;
  release: string;
  /** When the file was made: the only part of the file that differs between two exports of the same log. */
  madeAt: Date;
}

type Node = string | null;

const escape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** An element with text, or nothing when there is no value (every optional element is left out, never empty). */
const leaf = (name: string, value: string | number | boolean | null | undefined): Node =>
  value === null || value === undefined ? null : `<${name}>${escape(String(value))}</${name}>`;

const element = (name: string, ...children: Node[]): string => `<${name}>${children.filter((child) => child !== null).join('')}</${name}>`;

/**
 * The return as the DfE's 2025-26 XML file (CIN_schema_2025-26.xsd), elements in the schema's order.
 * Where the schema demands a value the records do not have, it says so in the schema's own terms:
 * Ethnicity NOBT (not yet obtained) and Sex U (not recorded); the pre-submission report names each.
 */
export const censusXml = (census: CensusReturn, source: CensusFileSource): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  element(
    'Message',
    element(
      'Header',
      element('CollectionDetails', leaf('Collection', 'CIN'), leaf('Year', census.year.endYear), leaf('ReferenceDate', census.year.end)),
      element(
        'Source',
        leaf('SourceLevel', 'L'),
        leaf('LEA', census.laCode),
        leaf('SoftwareCode', source.softwareCode),
        leaf('Release', source.release),
        leaf('SerialNo', '001'),
        leaf('DateTime', source.madeAt.toISOString().slice(0, 19)),
      ),
    ),
    element('Children', ...census.children.map(childXml)),
  ) +
  '\n';

const childXml = (child: CensusChild): string =>
  element(
    'Child',
    element(
      'ChildIdentifiers',
      leaf('LAchildID', child.laChildId),
      leaf('UPN', child.upn),
      leaf('FormerUPN', child.formerUpn),
      leaf('UPNunknown', child.upnUnknownReason),
      leaf('PersonBirthDate', child.personBirthDate),
      leaf('ExpectedPersonBirthDate', child.expectedPersonBirthDate),
      leaf('Sex', child.sex ?? 'U'),
      leaf('PersonDeathDate', child.personDeathDate),
    ),
    element(
      'ChildCharacteristics',
      leaf('Ethnicity', child.ethnicity ?? 'NOBT'),
      child.disabilities.length > 0 ? element('Disabilities', ...child.disabilities.map((code) => leaf('Disability', code))) : null,
    ),
    ...child.episodes.map(episodeXml),
  );

const episodeXml = (episode: CinDetails): string =>
  element(
    'CINdetails',
    leaf('CINreferralDate', episode.cinReferralDate),
    leaf('ReferralSource', episode.referralSource),
    leaf('PrimaryNeedCode', episode.primaryNeedCode),
    leaf('CINclosureDate', episode.cinClosureDate),
    leaf('ReasonForClosure', episode.reasonForClosure),
    leaf('DateOfInitialCPC', episode.dateOfInitialCpc),
    ...episode.assessments.map(assessmentXml),
    ...episode.cinPlans.map((plan) =>
      element('CINPlanDates', leaf('CINPlanStartDate', plan.startDate), leaf('CINPlanEndDate', plan.endDate)),
    ),
    ...episode.section47s.map(section47Xml),
    leaf('ReferralNFA', episode.referralNfa),
    ...episode.cpPlans.map(cpPlanXml),
  );

const assessmentXml = (assessment: CensusAssessment): string =>
  element(
    'Assessments',
    leaf('AssessmentActualStartDate', assessment.startDate),
    leaf('AssessmentAuthorisationDate', assessment.authorisationDate),
    assessment.factors.length > 0
      ? element('FactorsIdentifiedAtAssessment', ...assessment.factors.map((factor) => leaf('AssessmentFactors', factor)))
      : null,
  );

const section47Xml = (enquiry: CensusSection47): string =>
  element(
    'Section47',
    leaf('S47ActualStartDate', enquiry.startDate),
    leaf('InitialCPCtarget', enquiry.initialCpcTarget),
    leaf('DateOfInitialCPC', enquiry.dateOfInitialCpc),
    leaf('ICPCnotRequired', enquiry.icpcNotRequired),
  );

const cpPlanXml = (plan: CensusCpPlan): string =>
  element(
    'ChildProtectionPlans',
    leaf('CPPstartDate', plan.startDate),
    leaf('CPPendDate', plan.endDate),
    leaf('InitialCategoryOfAbuse', plan.initialCategory),
    leaf('LatestCategoryOfAbuse', plan.latestCategory),
    leaf('NumberOfPreviousCPP', plan.numberOfPreviousCpp),
    plan.reviewDates.length > 0 ? element('Reviews', ...plan.reviewDates.map((date) => leaf('CPPreviewDate', date))) : null,
  );
