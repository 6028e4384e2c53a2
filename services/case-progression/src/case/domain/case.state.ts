import type { AssessmentOutcome, CaseOpenedV1, ChildDetailsCorrection, NamedSocialWorker, Sex } from '@csc/contracts';

/**
 * What is known now of the child's census details: as the referral gave them, then as each correction
 * left them (null: not known, or cleared). Personal: it comes only from sealed subjects.
 */
export type ChildDetails = { sex: Sex } & {
  [Field in Exclude<keyof ChildDetailsCorrection, 'sex'>]-?: Exclude<ChildDetailsCorrection[Field], undefined> | null;
};

export const UNKNOWN_CHILD_DETAILS: ChildDetails = {
  sex: 'U',
  dateOfBirth: null,
  expectedDateOfBirth: null,
  upn: null,
  formerUpn: null,
  upnUnknownReason: null,
  ethnicity: null,
  disabilities: null,
  dateOfDeath: null,
};

export interface CaseState {
  status: 'NONE' | 'OPEN' | 'CLOSED';
  opened: CaseOpenedV1 | null;
  child: ChildDetails;
  referralDate: string;
  attachedReferralIds: string[];
  assessments: Record<string, { startedOn: string; authorisedOn?: string; outcome?: AssessmentOutcome }>;
  lastAssessmentOutcome: AssessmentOutcome | null;
  /** Handed to early help already (an assessment's STEP_DOWN_TO_EARLY_HELP): RC9 must not do it again. */
  steppedDown: boolean;
  strategyDiscussions: Record<string, { heldOn: string; section47Id: string | null }>;
  section47s: Record<string, { startedOn: string; concludedOn?: string; icpcRequired?: boolean }>;
  conferences: Record<string, { heldOn: string; section47Id: string | null }>;
  cpPlans: Record<
    string,
    {
      startedOn: string;
      conferenceHeldOn: string;
      category: string;
      reviews: string[];
      endedOn?: string;
      namedSocialWorker: NamedSocialWorker | null;
    }
  >;
  cinPlans: Record<string, { startedOn: string; endedOn?: string; namedSocialWorker: NamedSocialWorker | null }>;
  lookedAfter: { periodId: string; startedOn: string; legalStatus: string } | null;
  closure: { closedOn: string; reason: string } | null;
}

export const initialCaseState: CaseState = {
  status: 'NONE',
  opened: null,
  child: UNKNOWN_CHILD_DETAILS,
  referralDate: '',
  attachedReferralIds: [],
  assessments: {},
  lastAssessmentOutcome: null,
  steppedDown: false,
  strategyDiscussions: {},
  section47s: {},
  conferences: {},
  cpPlans: {},
  cinPlans: {},
  lookedAfter: null,
  closure: null,
};
