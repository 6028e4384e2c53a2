import { addWorkingDays } from '@csc/domain';
import { anEpisode, YEAR_2025_26 } from '../../../../test/census-builders';
import { activityDatesOf, isInCensusYear, workingDaysBefore } from './episode-dates';

describe('isInCensusYear', () => {
  it.each([
    ['2025-03-31', false],
    ['2025-04-01', true],
    ['2026-03-31', true],
    ['2026-04-01', false],
  ])('%s in 2025-26: %s', (date, expected) => {
    expect(isInCensusYear(date, YEAR_2025_26)).toBe(expected);
  });
});

describe('workingDaysBefore', () => {
  it('steps back over a weekend and Easter (Good Friday 18 April, Easter Monday 21 April 2025)', () => {
    expect(workingDaysBefore('2025-04-01', 1)).toBe('2025-03-31');
    expect(workingDaysBefore('2025-04-22', 1)).toBe('2025-04-17');
    expect(workingDaysBefore('2025-04-07', 1)).toBe('2025-04-04');
  });

  it('is undone by addWorkingDays from a working day', () => {
    const start = workingDaysBefore('2026-03-31', 45);
    expect(start).toBe('2026-01-27');
    expect(addWorkingDays(start, 45)).toBe('2026-03-31');
  });
});

describe('activityDatesOf', () => {
  it('names each dated element rule 8565 holds against the closure, leaving out a CP plan start', () => {
    const episode = anEpisode({
      dateOfInitialCpc: null,
      section47s: [{ startDate: '2025-05-08', initialCpcTarget: '2025-05-29', dateOfInitialCpc: '2025-05-20', icpcNotRequired: false }],
      cpPlans: [
        {
          startDate: '2025-05-20',
          endDate: '2025-09-01',
          initialCategory: 'NEG',
          latestCategory: 'NEG',
          numberOfPreviousCpp: 0,
          reviewDates: ['2025-08-20'],
        },
      ],
      assessments: [{ startDate: '2025-05-07', authorisationDate: '2025-06-02', factors: ['16A'] }],
      cinPlans: [{ startDate: '2025-09-02', endDate: null }],
    });
    expect(activityDatesOf(episode)).toEqual([
      { field: 'AssessmentActualStartDate', date: '2025-05-07' },
      { field: 'AssessmentAuthorisationDate', date: '2025-06-02' },
      { field: 'S47ActualStartDate', date: '2025-05-08' },
      { field: 'DateOfInitialCPC', date: '2025-05-20' },
      { field: 'CPPendDate', date: '2025-09-01' },
      { field: 'CINPlanStartDate', date: '2025-09-02' },
    ]);
  });
});
