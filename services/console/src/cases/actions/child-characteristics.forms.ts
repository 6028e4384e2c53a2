import { DISABILITIES, ETHNICITIES, SEXES, UPN_UNKNOWN_REASONS } from '@csc/contracts';
import { datePartsFor } from '../../forms/date-input';
import { FormReading, type CaseForm, type PostedForm } from './case-form';

/** The child's census details as the case read shows them (a detail not known is left out). */
export interface ChildCharacteristics {
  sex?: string;
  dateOfBirth?: string;
  expectedDateOfBirth?: string;
  upn?: string;
  formerUpn?: string;
  upnUnknownReason?: string;
  ethnicity?: string;
  disabilities?: string[];
  dateOfDeath?: string;
}

const DATES = { dateOfBirth: 'Date of birth', expectedDateOfBirth: 'Expected date of birth', dateOfDeath: 'Date of death' } as const;
const TEXTS = ['upn', 'formerUpn', 'upnUnknownReason', 'ethnicity'] as const;

/**
 * `POST /v1/cases/{id}/child-characteristics`: the form shows the details as known, and sends only what
 * the social worker changed: a new value replaces, a value emptied is cleared (null), the rest is left
 * alone. Nothing changed sends nothing, and the API says so.
 */
export const childCharacteristicsForm = (known: ChildCharacteristics): CaseForm => ({
  name: 'childCharacteristics',
  anchor: 'child',
  fields: Object.fromEntries(['sex', ...Object.keys(DATES), ...TEXTS, 'disabilities'].map((field) => [field, field])),
  labels: { upn: 'UPN', formerUpn: 'Former UPN', upnUnknownReason: 'Reason the UPN is not known' },
  firstField: 'sex',
  dateFields: Object.keys(DATES),
  read: (form) => {
    const reading = new FormReading(form);
    const now: Record<string, unknown> = { sex: reading.text('sex') || known.sex };
    for (const [field, label] of Object.entries(DATES)) now[field] = reading.optionalDate(field, label);
    for (const field of TEXTS) now[field] = reading.text(field) || null;
    const disabilities = reading.list('disabilities');
    now.disabilities = disabilities.length > 0 ? disabilities : null;
    const before = known as Record<string, unknown>;
    const changed = Object.entries(now).filter(([field, value]) => value !== undefined && !sameValue(value, before[field] ?? null));
    return reading.result(Object.fromEntries(changed));
  },
});

/** The form's fields as the details stand, before anything is posted. */
export const childCharacteristicsValues = (known: ChildCharacteristics): PostedForm => ({
  sex: known.sex ?? '',
  ...Object.fromEntries(Object.keys(DATES).flatMap((field) => Object.entries(datePartsFor(field, known[field as keyof typeof DATES])))),
  ...Object.fromEntries(TEXTS.map((field) => [field, known[field] ?? ''])),
  disabilities: known.disabilities ?? [],
});

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const withMeanings = (codes: Record<string, string>) => Object.entries(codes).map(([value, text]) => ({ value, text }));
export const SEX_ITEMS = withMeanings(SEXES);
export const ETHNICITY_ITEMS = [{ value: '', text: 'Not recorded' }, ...withMeanings(ETHNICITIES)];
export const UPN_UNKNOWN_REASON_ITEMS = [
  { value: '', text: 'Not recorded' },
  ...Object.entries(UPN_UNKNOWN_REASONS).map(([value, text]) => ({ value, text: `${value}: ${text}` })),
];
export const DISABILITY_ITEMS = withMeanings(DISABILITIES);
