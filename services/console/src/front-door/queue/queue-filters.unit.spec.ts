import { queueFiltersFrom, queueQuery } from './queue-filters';

describe("the queue's filters", () => {
  it('sends the statuses chosen (checkboxes repeat the name; a link may join them with commas) as one list', () => {
    const filters = queueFiltersFrom({ status: ['RECEIVED', 'AWAITING_INFORMATION,DECIDED'], source: '2A', schoolUrn: ' 100001 ' });
    expect(filters.statuses).toEqual(['RECEIVED', 'AWAITING_INFORMATION', 'DECIDED']);
    expect(queueQuery(filters)).toBe('status=RECEIVED%2CAWAITING_INFORMATION%2CDECIDED&source=2A&schoolUrn=100001');
  });

  it('leaves out what is empty and carries the cursor for the next page', () => {
    const filters = queueFiltersFrom({ status: '', source: '', receivedFrom: '2025-03-01', receivedTo: '' });
    expect(queueQuery(filters)).toBe('receivedFrom=2025-03-01');
    expect(queueQuery(filters, 'WyIyMDI1Il0')).toBe('receivedFrom=2025-03-01&after=WyIyMDI1Il0');
  });
});
