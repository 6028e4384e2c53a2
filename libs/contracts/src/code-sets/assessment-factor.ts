import { codesOf, isCodeIn, type CodeSet } from './code-set';

// A = the child, B = a parent or carer, C = another person in the household.
const forWhom = (topic: string) => ({ A: `${topic}: child`, B: `${topic}: parent or carer`, C: `${topic}: other person in the household` });
const alcohol = forWhom('Alcohol misuse');
const drugs = forWhom('Drug misuse');
const domesticViolence = forWhom('Domestic violence');
const mentalHealth = forWhom('Mental health');
const learningDisability = forWhom('Learning disability');
const physicalDisability = forWhom('Physical disability or illness');

/** CIN census assessment factors (assessmentfactorstype). Factor 21 may only be used alone (rule 8869). */
export const ASSESSMENT_FACTORS = {
  '1A': alcohol.A,
  '1B': alcohol.B,
  '1C': alcohol.C,
  '2A': drugs.A,
  '2B': drugs.B,
  '2C': drugs.C,
  '3A': domesticViolence.A,
  '3B': domesticViolence.B,
  '3C': domesticViolence.C,
  '4A': mentalHealth.A,
  '4B': mentalHealth.B,
  '4C': mentalHealth.C,
  '5A': learningDisability.A,
  '5B': learningDisability.B,
  '5C': learningDisability.C,
  '6A': physicalDisability.A,
  '6B': physicalDisability.B,
  '6C': physicalDisability.C,
  '7A': 'Young carer',
  '8B': 'Privately fostered: overseas child intending to return',
  '8C': 'Privately fostered: overseas child remaining in the UK',
  '8D': 'Privately fostered: UK child in education',
  '8E': 'Privately fostered: UK child, parents cannot care',
  '8F': 'Privately fostered: other',
  '9A': 'Unaccompanied asylum-seeking child',
  '10A': 'Going or being missing',
  '11A': 'Child sexual exploitation',
  '12A': 'Trafficking',
  '13A': 'Gangs',
  '14A': 'Socially unacceptable behaviour',
  '15A': 'Self-harm',
  '16A': 'Neglect',
  '17A': 'Emotional abuse',
  '18B': 'Physical abuse: child on child',
  '18C': 'Physical abuse: adult on child',
  '19B': 'Sexual abuse: child on child',
  '19C': 'Sexual abuse: adult on child',
  '20': 'Other',
  '21': 'No factors identified',
  '22A': 'Female genital mutilation',
  '23A': 'Abuse linked to faith or belief',
  '24A': 'Child criminal exploitation',
} as const satisfies CodeSet<string>;
export type AssessmentFactor = keyof typeof ASSESSMENT_FACTORS;
export const ASSESSMENT_FACTOR_CODES = codesOf(ASSESSMENT_FACTORS);
export const isAssessmentFactor = isCodeIn(ASSESSMENT_FACTORS);
export const NO_FACTORS_IDENTIFIED: AssessmentFactor = '21';
