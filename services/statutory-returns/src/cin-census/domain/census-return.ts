import type { CalendarDate } from '@csc/domain';

/**
 * The CIN census return for one collection year, in the 2025-26 specification's terms: what the
 * XML file says, one field per element, before it is written. The validation rules read this, so
 * a finding names the element the DfE will name.
 */
export interface CensusReturn {
  year: CollectionYear;
  /** The local authority's three-digit code (the header's LEA). */
  laCode: string;
  /** Children in LAchildID order, so the same log always gives the same file. */
  children: CensusChild[];
}

/** A collection year runs from 1 April to 31 March; the reference date is its last day. */
export interface CollectionYear {
  /** As the DfE writes it: `2025-26`. */
  label: string;
  /** 1 April. */
  start: CalendarDate;
  /** 31 March: the header's ReferenceDate. */
  end: CalendarDate;
  /** The header's Year: the calendar year the collection ends in (2026 for 2025-26). */
  endYear: number;
}

export interface CensusChild {
  /** The child's id in this system (never in the file): findings point back to it. */
  childId: string;
  /** What the file calls the child: 20 alphanumeric characters at most (rules 1570, 1580). */
  laChildId: string;
  upn: string | null;
  formerUpn: string | null;
  upnUnknownReason: string | null;
  personBirthDate: CalendarDate | null;
  expectedPersonBirthDate: CalendarDate | null;
  /** M, F or U; null when nothing was recorded (rule 4180). */
  sex: string | null;
  personDeathDate: CalendarDate | null;
  /** Null when never recorded (rule 4220). */
  ethnicity: string | null;
  /** Empty when never recorded (rule 8540); ['NONE'] when recorded as none. */
  disabilities: string[];
  /** CIN episodes open at any time in the year, oldest referral first. */
  episodes: CinDetails[];
  /** Events about the child whose sealed details had no key to open them: the details above may be missing. */
  unreadableSubjects: number;
}

/** One CINdetails block: a CIN referral (accepted, or closed with no further action) and what followed it in the year. */
export interface CinDetails {
  /** The referral that began it (never in the file). */
  referralId: string;
  /** The case (CIN episode) it opened; null for a referral with no further action. */
  caseId: string | null;
  cinReferralDate: CalendarDate;
  referralSource: string;
  primaryNeedCode: string | null;
  cinClosureDate: CalendarDate | null;
  reasonForClosure: string | null;
  /** An initial conference held without a Section 47 enquiry (one after an enquiry sits on the enquiry; rule 2884). */
  dateOfInitialCpc: CalendarDate | null;
  assessments: CensusAssessment[];
  cinPlans: CensusCinPlan[];
  section47s: CensusSection47[];
  referralNfa: boolean;
  cpPlans: CensusCpPlan[];
}

export interface CensusAssessment {
  startDate: CalendarDate;
  authorisationDate: CalendarDate | null;
  /** As recorded at authorisation; empty while the assessment is open. */
  factors: string[];
}

export interface CensusCinPlan {
  startDate: CalendarDate;
  endDate: CalendarDate | null;
}

export interface CensusSection47 {
  startDate: CalendarDate;
  /** 15 working days after the strategy discussion that started the enquiry. */
  initialCpcTarget: CalendarDate | null;
  dateOfInitialCpc: CalendarDate | null;
  /** The enquiry concluded that no conference was needed. */
  icpcNotRequired: boolean;
}

export interface CensusCpPlan {
  startDate: CalendarDate;
  endDate: CalendarDate | null;
  initialCategory: string;
  latestCategory: string;
  /** Child protection plans the child had before this one (in this authority's record). */
  numberOfPreviousCpp: number;
  /** Reviews held in the year, in date order. */
  reviewDates: CalendarDate[];
}

/** One thing in a return that a DfE validation rule would stop or question. */
export interface CensusFinding {
  /** The DfE's rule code: `8869`, `2886Q`. */
  rule: string;
  severity: 'ERROR' | 'QUERY';
  /** Null for a finding about the whole return (2886Q-2888Q). */
  childId: string | null;
  laChildId: string | null;
  caseId?: string;
  /** The census element at fault, e.g. `AssessmentActualStartDate`. */
  field: string;
  message: string;
}
