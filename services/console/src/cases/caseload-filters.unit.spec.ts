import { caseloadFiltersFrom, caseloadQuery, overdueItems, stageItems } from './caseload-filters';

describe("the caseload's filters", () => {
  it('sends only what was chosen, trimmed, and carries the cursor for the next page', () => {
    const filters = caseloadFiltersFrom({ stage: 'SECTION_47', dueBefore: ' 2025-03-01 ', overdue: '' });
    expect(caseloadQuery(filters)).toBe('stage=SECTION_47&dueBefore=2025-03-01');
    expect(caseloadQuery(filters, 'WyIyMDI1Il0')).toBe('stage=SECTION_47&dueBefore=2025-03-01&after=WyIyMDI1Il0');
  });

  it('keeps a value the API will refuse, so the API names what is wrong with it', () => {
    expect(caseloadQuery(caseloadFiltersFrom({ overdue: 'maybe' }))).toBe('overdue=maybe');
  });

  it('shows the choices made again', () => {
    expect(stageItems('CLOSED').find((item) => item.selected)?.value).toBe('CLOSED');
    expect(overdueItems('true').find((item) => item.checked)?.text).toBe('Overdue only');
  });
});
