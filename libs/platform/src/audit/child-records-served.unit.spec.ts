import { childRecordsServed, noteAuditedChild } from './child-records-served';

const CHILD = '8d5f4c1e-1b2a-4c3d-9e8f-0a1b2c3d4e5f';
const OTHER_CHILD = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
const REFERRAL = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const OTHER_REFERRAL = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const referral = { kind: 'referral', idParam: 'id', idField: 'referralId' };

describe('childRecordsServed', () => {
  it("takes the child and the record from a single response, the record's id from the path first", () => {
    expect(childRecordsServed(referral, { params: {} }, { referralId: REFERRAL, childId: CHILD, status: 'RECEIVED' })).toEqual([
      { childId: CHILD, resourceId: REFERRAL },
    ]);
    expect(childRecordsServed(referral, { params: { id: REFERRAL } }, { childId: CHILD })).toEqual([
      { childId: CHILD, resourceId: REFERRAL },
    ]);
  });

  it('takes each item of a list (or of `items`), once per child and record', () => {
    const items = [
      { referralId: REFERRAL, childId: CHILD },
      { referralId: OTHER_REFERRAL, childId: CHILD },
      { referralId: OTHER_REFERRAL, childId: CHILD },
    ];
    const expected = [
      { childId: CHILD, resourceId: REFERRAL },
      { childId: CHILD, resourceId: OTHER_REFERRAL },
    ];
    expect(childRecordsServed(referral, { params: { childId: CHILD } }, items)).toEqual(expected);
    expect(childRecordsServed(referral, { params: {} }, { items })).toEqual(expected);
  });

  it('names the child from the :childId path parameter when the response does not', () => {
    expect(childRecordsServed(referral, { params: { childId: CHILD } }, [{ referralId: REFERRAL }])).toEqual([
      { childId: CHILD, resourceId: REFERRAL },
    ]);
  });

  it('names a child the handler noted when its response hides the child from the caller', () => {
    const request = { params: { id: REFERRAL } };
    noteAuditedChild(request, CHILD.toUpperCase());
    noteAuditedChild(request, 'not-an-id');
    expect(childRecordsServed(referral, request, { stage: 'OPENED' })).toEqual([{ childId: CHILD, resourceId: REFERRAL }]);
    noteAuditedChild(request, OTHER_CHILD);
    expect(childRecordsServed(referral, request, { stage: 'OPENED' })).toEqual([
      { childId: CHILD, resourceId: REFERRAL },
      { childId: OTHER_CHILD, resourceId: REFERRAL },
    ]);
  });

  it('still yields one reference, from the path, when nothing was served (a refusal or an error)', () => {
    expect(childRecordsServed(referral, { params: { id: REFERRAL } })).toEqual([{ childId: null, resourceId: REFERRAL }]);
    expect(childRecordsServed(referral, { params: { childId: CHILD } }, [])).toEqual([{ childId: CHILD, resourceId: null }]);
  });

  it('keeps only ids: a path segment that is not a UUID (anything a caller typed) is not stored', () => {
    expect(childRecordsServed(referral, { params: { id: 'Amelia Example', childId: 'FY1 4QS' } })).toEqual([
      { childId: null, resourceId: null },
    ]);
  });
});
