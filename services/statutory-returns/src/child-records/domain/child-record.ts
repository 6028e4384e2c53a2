import type {
  AbuseCategory,
  AssessmentOutcome,
  Disability,
  EarlyHelpOutcome,
  EpisodeOrigin,
  Ethnicity,
  PrimaryNeed,
  ReasonForClosure,
  ReferralOutcome,
  ReferralSource,
  Sex,
  UpnUnknownReason,
} from '@csc/contracts';
import type { CalendarDate } from '@csc/domain';

/**
 * Everything the event log says about one child that a statutory return may need, as of now:
 * the census and Annex A select from it by their own dates. Built from the facts the returns
 * projection keeps (its subjects opened), never from another service's tables. Dates are
 * `YYYY-MM-DD` (England); instants are ISO 8601.
 */
export interface ChildRecord {
  childId: string;
  identity: ChildIdentity;
  /** Every referral received about the child (a contact until decided), oldest first. */
  referrals: ReferralRecord[];
  /** Every CIN episode (case), oldest first. */
  cases: CaseRecord[];
  /** Every early help episode, oldest first. */
  earlyHelp: EarlyHelpRecord[];
  /**
   * Events whose sealed details could not be opened: no key for them in the key vault (a key lost, a
   * past migrated in without its keys). Their facts count; what they said of the child is missing.
   */
  unreadableSubjects: number;
}

/**
 * The child's details as last recorded: a social worker's record on a case wins over what a
 * referrer said; otherwise the latest referral's. Null: never recorded.
 */
export interface ChildIdentity {
  sex: Sex | null;
  dateOfBirth: CalendarDate | null;
  expectedDateOfBirth: CalendarDate | null;
  dateOfDeath: CalendarDate | null;
  upn: string | null;
  formerUpn: string | null;
  upnUnknownReason: UpnUnknownReason | null;
  ethnicity: Ethnicity | null;
  /** Null: never recorded; ['NONE']: recorded as no disability. */
  disabilities: Disability[] | null;
  /** The school on the child's latest referral (a URN; not personal data). */
  schoolUrn: string | null;
}

export interface ReferralRecord {
  referralId: string;
  receivedAt: string;
  /** The day it was received, in England: the census's CINreferralDate once it is a CIN referral. */
  referralDate: CalendarDate;
  source: ReferralSource;
  referrerOrganisationId: string | null;
  /** Null while undecided. */
  outcome: ReferralOutcome | null;
  decidedAt: string | null;
  primaryNeed: PrimaryNeed | null;
  /** The factors the referrer gave (not the assessment's). */
  factors: string[];
  informationRequested: boolean;
  /** The case it opened (ACCEPTED_FOR_ASSESSMENT) or joined (ALREADY_OPEN), once known. */
  caseId: string | null;
}

export interface CaseRecord {
  caseId: string;
  /** The referral that opened it. */
  referralId: string;
  referralDate: CalendarDate;
  source: ReferralSource;
  primaryNeed: PrimaryNeed;
  closedOn: CalendarDate | null;
  closureReason: ReasonForClosure | null;
  assessments: AssessmentRecord[];
  strategyDiscussions: StrategyDiscussionRecord[];
  section47s: Section47Record[];
  conferences: ConferenceRecord[];
  cpPlans: ChildProtectionPlanRecord[];
  cinPlans: ChildInNeedPlanRecord[];
  lookedAfter: LookedAfterRecord[];
}

export interface AssessmentRecord {
  assessmentId: string;
  startedOn: CalendarDate;
  authorisedOn: CalendarDate | null;
  factors: string[];
  outcome: AssessmentOutcome | null;
}

export interface StrategyDiscussionRecord {
  strategyDiscussionId: string;
  heldOn: CalendarDate;
  section47Id: string | null;
}

/** A Section 47 enquiry starts at the strategy discussion that decided on it. */
export interface Section47Record {
  section47Id: string;
  startedOn: CalendarDate;
  concludedOn: CalendarDate | null;
  icpcRequired: boolean | null;
}

export interface ConferenceRecord {
  conferenceId: string;
  heldOn: CalendarDate;
  /** The enquiry it followed; null for a conference held without one. */
  section47Id: string | null;
  childProtectionPlan: boolean;
}

export interface ChildProtectionPlanRecord {
  planId: string;
  conferenceId: string;
  startedOn: CalendarDate;
  endedOn: CalendarDate | null;
  initialCategory: AbuseCategory;
  /** The category at the latest review (the initial one until reviewed). */
  latestCategory: AbuseCategory;
  /** Each review with the category it left the plan under, so the category on any day can be told. */
  reviews: ChildProtectionReviewRecord[];
}

export interface ChildProtectionReviewRecord {
  heldOn: CalendarDate;
  latestCategory: AbuseCategory;
}

export interface ChildInNeedPlanRecord {
  planId: string;
  startedOn: CalendarDate;
  endedOn: CalendarDate | null;
}

export interface LookedAfterRecord {
  periodId: string;
  startedOn: CalendarDate;
  endedOn: CalendarDate | null;
  legalStatus: string;
  endReason: string | null;
}

export interface EarlyHelpRecord {
  episodeId: string;
  openedOn: CalendarDate;
  origin: EpisodeOrigin;
  requestedByOrganisationId: string | null;
  assessmentCompletedOn: CalendarDate | null;
  closedOn: CalendarDate | null;
  outcome: EarlyHelpOutcome | null;
}
