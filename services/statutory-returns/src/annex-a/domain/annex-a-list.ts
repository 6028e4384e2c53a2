import { addMonths, ageInYears, type CalendarDate } from '@csc/domain';
import type { ChildRecord } from '../../child-records/domain/child-record';
import { laChildIdOf } from '../../child-records/domain/la-child-id';
import { disabilityValue, ethnicityValue, genderValue } from './annex-a-values';

/** A cell as the builder leaves it: dates stay `YYYY-MM-DD` strings until the writer makes them Excel dates. */
export type AnnexACell = string | number | null;

/** One of Ofsted's lists, ready to be written as a sheet: its headings in Ofsted's order, one row per item. */
export interface AnnexAList {
  number: number;
  title: string;
  sheetName: string;
  columns: string[];
  rows: AnnexACell[][];
}

/** What every row is about: a child, seen as they were on the inspection's reference day. */
export interface AnnexAItem {
  child: ChildRecord;
  asOf: CalendarDate;
}

/** A heading without a value is one the system has no record for: it stays in the sheet, empty. */
export interface AnnexAColumn<T> {
  heading: string;
  value?: (item: T) => AnnexACell;
}

export interface AnnexAListSpec<T extends AnnexAItem> {
  number: number;
  title: string;
  sheetName: string;
  /** The items the list's period takes in. */
  select: (children: ChildRecord[], asOf: CalendarDate) => T[];
  /** The date a row is ordered by (then the child's id, then `tiebreak`). */
  sortDate: (item: T) => CalendarDate;
  /** Tells apart two rows of one child on one day (a record id), so the order never depends on input order. */
  tiebreak: (item: T) => string;
  columns: AnnexAColumn<T>[];
}

/** A list with its item type hidden, so the eight can sit in one array. */
export interface AnnexAListDefinition {
  number: number;
  title: string;
  sheetName: string;
  columns: string[];
  unfilledColumns: string[];
  build: (children: ChildRecord[], asOf: CalendarDate) => AnnexAList;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const defineList = <T extends AnnexAItem>(spec: AnnexAListSpec<T>): AnnexAListDefinition => ({
  number: spec.number,
  title: spec.title,
  sheetName: spec.sheetName,
  columns: spec.columns.map((column) => column.heading),
  unfilledColumns: spec.columns.filter((column) => !column.value).map((column) => column.heading),
  build: (children, asOf) => {
    const items = spec
      .select(children, asOf)
      .map((item) => ({ item, key: [spec.sortDate(item), laChildIdOf(item.child.childId), spec.tiebreak(item)] }))
      .sort((a, b) => compare(a.key[0], b.key[0]) || compare(a.key[1], b.key[1]) || compare(a.key[2], b.key[2]));
    return {
      number: spec.number,
      title: spec.title,
      sheetName: spec.sheetName,
      columns: spec.columns.map((column) => column.heading),
      rows: items.map(({ item }) => spec.columns.map((column) => (column.value ? column.value(item) : null))),
    };
  },
});

/** The six months before the inspection, as most lists count them: from this day to `asOf`, both included. */
export const sixMonthsBefore = (asOf: CalendarDate): CalendarDate => addMonths(asOf, -6);

/** The records hold everything up to now; a list drawn up for an earlier day must not see what came after it. */
export const knownBy = (date: CalendarDate | null, asOf: CalendarDate): CalendarDate | null =>
  date !== null && date <= asOf ? date : null;

export const isWithin = (date: CalendarDate, from: CalendarDate, to: CalendarDate): boolean => date >= from && date <= to;

/** Open at any time from `from` to `asOf`: started by `asOf`, and not ended (as far as `asOf` knows) before `from`. */
export const wasOpenBetween = (startedOn: CalendarDate, endedOn: CalendarDate | null, from: CalendarDate, asOf: CalendarDate): boolean => {
  const ended = knownBy(endedOn, asOf);
  return startedOn <= asOf && (ended === null || ended >= from);
};

export const isOpenOn = (startedOn: CalendarDate, endedOn: CalendarDate | null, asOf: CalendarDate): boolean =>
  startedOn <= asOf && knownBy(endedOn, asOf) === null;

/** Of one child's items, the one that began last: lists 6 to 8 give each child one row. */
export const latestPerChild = <T extends AnnexAItem>(items: T[], startOf: (item: T) => CalendarDate, idOf: (item: T) => string): T[] => {
  const latest = new Map<string, T>();
  for (const item of items) {
    const held = latest.get(item.child.childId);
    const later =
      !held || compare(startOf(item), startOf(held)) > 0 || (startOf(item) === startOf(held) && compare(idOf(item), idOf(held)) > 0);
    if (later) latest.set(item.child.childId, item);
  }
  return [...latest.values()];
};

const dateOfBirth = ({ child, asOf }: AnnexAItem): CalendarDate | null => knownBy(child.identity.dateOfBirth, asOf);

/** The five columns every list about children begins with. */
export const childColumns = <T extends AnnexAItem>(): AnnexAColumn<T>[] => [
  { heading: 'Child Unique ID', value: ({ child }) => laChildIdOf(child.childId) },
  { heading: 'Gender', value: ({ child }) => genderValue(child.identity.sex) },
  { heading: 'Ethnicity', value: ({ child }) => ethnicityValue(child.identity.ethnicity) },
  { heading: 'Date of Birth', value: dateOfBirth },
  {
    heading: 'Age of Child (Years)',
    value: (item) => {
      const born = dateOfBirth(item);
      return born === null ? null : ageInYears(born, item.asOf);
    },
  },
];

export const disabilityColumn = <T extends AnnexAItem>(): AnnexAColumn<T> => ({
  heading: 'Does the Child have a Disability',
  value: ({ child }) => disabilityValue(child.identity.disabilities),
});

export const allocatedColumns = <T extends AnnexAItem>(): AnnexAColumn<T>[] => [
  // The child record carries no allocated team or worker.
  { heading: 'Allocated Team' },
  { heading: 'Allocated Worker' },
];
