import { dirname, join, resolve } from 'node:path';
import nunjucks from 'nunjucks';

/** The dateInput macro as a page renders it: GOV.UK's markup, with the error state on the parts the message is about. */
const views = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([resolve(__dirname, '..', '..', 'views'), join(dirname(require.resolve('govuk-frontend')), '..')]),
  { autoescape: true },
);
const rendered = (params: object): string =>
  views.renderString('{% from "date-input.njk" import dateInput %}{{ dateInput(params) }}', { params });
const highlighted = (html: string): string[] =>
  [...html.matchAll(/class="([^"]*)" id="(\w+-(?:day|month|year))"/g)]
    .filter(([, classes]) => classes.includes('govuk-input--error'))
    .map(([, , id]) => id);

describe('the date input macro', () => {
  it('posts <name>-day, -month and -year and shows the values posted', () => {
    const html = rendered({
      name: 'startedAt',
      legend: 'Day the assessment started',
      values: { 'startedAt-day': '3', 'startedAt-month': '6', 'startedAt-year': '2025' },
    });
    expect(html).toMatch(/name="startedAt-day" type="text" value="3"/);
    expect(html).toMatch(/name="startedAt-month" type="text" value="6"/);
    expect(html).toMatch(/name="startedAt-year" type="text" value="2025"/);
    expect(html).toContain('Day the assessment started');
    expect(html).not.toContain('autocomplete');
    expect(highlighted(html)).toEqual([]);
  });

  it('highlights only the part a message is about', () => {
    const html = rendered({
      name: 'dob',
      legend: 'Date of birth',
      error: { text: 'Date of birth must include a month', parts: ['month'] },
    });
    expect(html).toContain('<span class="govuk-visually-hidden">Error:</span> Date of birth must include a month');
    expect(highlighted(html)).toEqual(['dob-month']);
  });

  it('highlights the whole date when the message names no part', () => {
    expect(highlighted(rendered({ name: 'dob', legend: 'Date of birth', error: { text: 'Date of birth must be a real date' } }))).toEqual([
      'dob-day',
      'dob-month',
      'dob-year',
    ]);
  });

  it('lets the browser fill in a date of birth', () => {
    expect(rendered({ name: 'dob', legend: 'Date of birth', birthday: true })).toMatch(
      /autocomplete="bday-day"[\s\S]*autocomplete="bday-month"[\s\S]*autocomplete="bday-year"/,
    );
  });
});
