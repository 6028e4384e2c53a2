import { aChild, aReturn } from '../../../../test/census-builders';
import { detailsReadable_KEY } from './readable-details.rules';

describe("KEY: the product's own check that it could open what it states", () => {
  it('finds nothing when every event about the child could be opened', () => {
    expect(detailsReadable_KEY.check(aReturn([aChild()]))).toEqual([]);
  });

  it('stops the return, naming the child, when the vault held no key for some of its details', () => {
    const child = aChild({ unreadableSubjects: 2 });

    expect(detailsReadable_KEY.check(aReturn([child]))).toEqual([
      expect.objectContaining({
        rule: 'KEY',
        severity: 'ERROR',
        childId: child.childId,
        laChildId: child.laChildId,
        field: 'ChildIdentifiers',
      }),
    ]);
  });
});
