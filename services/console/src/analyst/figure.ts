/** A count beside what it is out of, as every analytics view gives it (`rate` is null when `of` is 0). */
export interface Proportion {
  count: number;
  of: number;
  rate: number | null;
}

/** One measure drawn as a dataset and written as three columns (count, out of, rate). */
export interface Series {
  key: string;
  label: string;
  values: Proportion[];
}

/** A plain number per group shown beside the series (a median, a total), in the table and the CSV only. */
export interface Extra {
  key: string;
  label: string;
  values: (number | null)[];
}

/**
 * One chart of the dashboard, and everything drawn from it: the chart's data, the accessible table
 * beside it and the CSV download are all made from this, so the three always show the same numbers.
 */
export interface Figure {
  id: string;
  title: string;
  /** What the figure counts and by what date: said above the chart and the table. */
  description: string;
  groupHeading: string;
  groups: string[];
  series: Series[];
  extras: Extra[];
  /** A line drawn across the chart to compare with (the national rate), as a rate from 0 to 1. */
  reference?: { label: string; rate: number };
}

/** docs/domain.md, "National figures": re-referrals within 12 months, per referral, England 2022-23 and 2023-24. */
export const NATIONAL_RE_REFERRAL_RATE = 0.224;

export const percent = (rate: number | null): string => (rate === null ? 'no rate (none counted)' : `${roundTo1(rate * 100)}%`);

const roundTo1 = (value: number): string => (Math.round(value * 10) / 10).toString();

/** A table cell: "3 of 7 (42.9%)", the count and what it is out of always shown with the rate. */
export const proportionText = (value: Proportion): string =>
  value.of === 0 ? '0 of 0' : `${value.count} of ${value.of} (${percent(value.rate)})`;

/** The table beside the chart: one row per group, a cell per series then per extra. */
export const tableOf = (figure: Figure) => ({
  head: [figure.groupHeading, ...figure.series.map((series) => series.label), ...figure.extras.map((extra) => extra.label)],
  rows: figure.groups.map((group, index) => ({
    group,
    cells: [
      ...figure.series.map((series) => proportionText(series.values[index])),
      ...figure.extras.map((extra) => (extra.values[index] === null ? 'none' : String(extra.values[index]))),
    ],
  })),
});

/** What the page's JSON gives the chart script: rates as percentages to draw, counts and denominators for the tooltips. */
export const chartDataOf = (figure: Figure) => ({
  id: figure.id,
  title: figure.title,
  labels: figure.groups,
  datasets: figure.series.map((series) => ({
    label: series.label,
    data: series.values.map((value) => (value.rate === null ? null : Math.round(value.rate * 1000) / 10)),
    counts: series.values.map((value) => value.count),
    of: series.values.map((value) => value.of),
  })),
  reference: figure.reference ? { label: figure.reference.label, percent: Math.round(figure.reference.rate * 1000) / 10 } : null,
});

/** The CSV's rows, header first: the group, then each series' count, out of and rate, then each extra. */
export const csvRowsOf = (figure: Figure): (string | number | null)[][] => [
  [
    figure.groupHeading,
    ...figure.series.flatMap((series) => [`${series.label}: count`, `${series.label}: out of`, `${series.label}: rate`]),
    ...figure.extras.map((extra) => extra.label),
  ],
  ...figure.groups.map((group, index) => [
    group,
    ...figure.series.flatMap((series) => [series.values[index].count, series.values[index].of, series.values[index].rate]),
    ...figure.extras.map((extra) => extra.values[index]),
  ]),
];
