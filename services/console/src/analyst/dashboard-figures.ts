import { sourceName } from '../front-door/display';
import { NATIONAL_RE_REFERRAL_RATE, type Figure, type Proportion } from './figure';

/** The analytics views' answers (README, "Analysts read views rebuilt from the log"), as far as the dashboard reads them. */
export interface ReReferralRow {
  group: string;
  perReferral: Proportion;
  perChild: Proportion;
}
export interface AppropriatenessRow {
  group: string;
  referrals: number;
  appropriate: Proportion;
  earlyHelpNeed: Proportion;
  inappropriate: Proportion;
  quality: { informationRequested: Proportion; medianHoursToDecision: number | null };
}
export interface Timeliness {
  byMonth: { month: string; assessments: Proportion; initialChildProtectionConferences: Proportion }[];
}
export interface EarlyHelpOutcomes {
  funnel: { referred: number } & Record<FunnelStage, Proportion>;
  ladder: { familiesWithTwoReadings: number; progressedInAtLeastOneArea: Proportion; progressedInFiveOrMoreAreas: Proportion };
}
interface EvaluationSide {
  schoolsReferring: number;
  referrals: number;
  appropriate: Proportion;
  earlyHelpNeed: Proportion;
  inappropriate: Proportion;
  reReferrals: Proportion;
  earlyHelpFamilies: number;
}
export interface Evaluation {
  cohort: { before: EvaluationSide; after: EvaluationSide };
  otherSchools: { before: EvaluationSide; after: EvaluationSide };
}

type FunnelStage = 'supported' | 'graduated' | 'leftWithoutGraduating' | 'active' | 'steppedUp' | 'notProgressed' | 'movedAway';

export const reReferralsByMonth = (rows: ReReferralRow[]): Figure => ({
  id: 're-referrals-by-month',
  title: 'Re-referrals within 12 months, by month',
  description:
    'Of the CIN referrals received each month, those about a child referred in the 12 months before (the DfE rule), beside the national rate.',
  groupHeading: 'Month',
  groups: rows.map((row) => row.group),
  series: [
    { key: 'perReferral', label: 'Re-referrals (per referral)', values: rows.map((row) => row.perReferral) },
    { key: 'perChild', label: 'Children re-referred (per child)', values: rows.map((row) => row.perChild) },
  ],
  extras: [],
  reference: { label: 'England, per referral (22.4%)', rate: NATIONAL_RE_REFERRAL_RATE },
});

const appropriateness = (rows: AppropriatenessRow[], by: 'school' | 'source'): Figure => ({
  id: `appropriateness-by-${by}`,
  title: by === 'school' ? 'Referral appropriateness, by school' : 'Referral appropriateness, by source',
  description:
    by === 'school'
      ? 'Of the decided referrals each school made (by referral date), how many needed the front door, needed early help, or neither.'
      : 'Of the decided referrals from each source (by referral date), how many needed the front door, needed early help, or neither.',
  groupHeading: by === 'school' ? 'School (URN)' : 'Source',
  groups: rows.map((row) => (by === 'source' ? sourceName(row.group) : row.group)),
  series: [
    { key: 'appropriate', label: 'Appropriate', values: rows.map((row) => row.appropriate) },
    { key: 'earlyHelpNeed', label: 'Early help need', values: rows.map((row) => row.earlyHelpNeed) },
    { key: 'inappropriate', label: 'Inappropriate', values: rows.map((row) => row.inappropriate) },
    { key: 'informationRequested', label: 'Information requested', values: rows.map((row) => row.quality.informationRequested) },
  ],
  extras: [
    { key: 'medianHoursToDecision', label: 'Median hours to decision', values: rows.map((row) => row.quality.medianHoursToDecision) },
  ],
});

export const appropriatenessBySchool = (rows: AppropriatenessRow[]): Figure => appropriateness(rows, 'school');
export const appropriatenessBySource = (rows: AppropriatenessRow[]): Figure => appropriateness(rows, 'source');

export const timelinessByMonth = (view: Timeliness): Figure => ({
  id: 'timeliness-by-month',
  title: 'Timeliness, by month',
  description:
    'Assessments authorised within 45 working days of the referral (by the day authorised) and initial child protection conferences held within 15 working days of the strategy discussion (by the day held).',
  groupHeading: 'Month',
  groups: view.byMonth.map((row) => row.month),
  series: [
    { key: 'assessments', label: 'Assessments within 45 working days', values: view.byMonth.map((row) => row.assessments) },
    {
      key: 'initialChildProtectionConferences',
      label: 'Conferences within 15 working days',
      values: view.byMonth.map((row) => row.initialChildProtectionConferences),
    },
  ],
  extras: [],
});

const FUNNEL_STAGES: [FunnelStage, string][] = [
  ['supported', 'Supported (a plan agreed)'],
  ['graduated', 'Graduated'],
  ['leftWithoutGraduating', 'Left without graduating'],
  ['active', 'Still active'],
  ['steppedUp', 'Stepped up to social care'],
  ['notProgressed', 'Did not progress onto support'],
  ['movedAway', 'Moved away'],
];

export const earlyHelpFunnel = (view: EarlyHelpOutcomes): Figure => ({
  id: 'early-help-funnel',
  title: 'The early help funnel',
  description: `Of the ${view.funnel.referred} early help episodes opened in the period, how far each went (Team Around the School's funnel).`,
  groupHeading: 'Stage',
  groups: FUNNEL_STAGES.map(([, label]) => label),
  series: [{ key: 'episodes', label: 'Episodes, of those referred', values: FUNNEL_STAGES.map(([stage]) => view.funnel[stage]) }],
  extras: [],
});

const SIDES = [
  ['Cohort, before', 'cohort', 'before'],
  ['Cohort, after', 'cohort', 'after'],
  ['Other schools, before', 'otherSchools', 'before'],
  ['Other schools, after', 'otherSchools', 'after'],
] as const;

export const evaluationBeforeAfter = (view: Evaluation): Figure => {
  const sides = SIDES.map(([, who, when]) => view[who][when]);
  return {
    id: 'evaluation',
    title: 'Evaluation: the cohort before and after, beside other schools',
    description: "Schools' referrals (by referral date) and the families they brought into early help, before and after the start date.",
    groupHeading: 'Schools and period',
    groups: SIDES.map(([label]) => label),
    series: [
      { key: 'appropriate', label: 'Appropriate', values: sides.map((side) => side.appropriate) },
      { key: 'earlyHelpNeed', label: 'Early help need', values: sides.map((side) => side.earlyHelpNeed) },
      { key: 'inappropriate', label: 'Inappropriate', values: sides.map((side) => side.inappropriate) },
      { key: 'reReferrals', label: 'Re-referrals', values: sides.map((side) => side.reReferrals) },
    ],
    extras: [
      { key: 'schoolsReferring', label: 'Schools referring', values: sides.map((side) => side.schoolsReferring) },
      { key: 'referrals', label: 'Referrals', values: sides.map((side) => side.referrals) },
      { key: 'earlyHelpFamilies', label: 'Early help families', values: sides.map((side) => side.earlyHelpFamilies) },
    ],
  };
};
