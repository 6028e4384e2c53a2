import { ParkedSequences } from './parked-sequences';

describe('ParkedSequences', () => {
  const sequences = () => new ParkedSequences(['child-1', 'child-2'], [{ topic: 'cases', key: 'child-1' }]);

  it('queues a key behind parked events on their topic only: the event awaited may travel on another', () => {
    const parked = sequences();
    expect(parked.has('cases', 'child-1')).toBe(true);
    expect(parked.has('referrals', 'child-1')).toBe(false);
    expect(parked.hasAny('child-1')).toBe(true);
    expect(parked.hasAny('child-2')).toBe(false);
  });

  it('remembers which keys were looked up, so a key outside the batch query is looked up on its own', () => {
    const parked = sequences();
    expect(parked.knows('child-2')).toBe(true);
    expect(parked.knows('child-3')).toBe(false);
  });

  it('keeps up with what the batch parks and what a retry released', () => {
    const parked = sequences();
    parked.add('referrals', 'child-2');
    expect(parked.has('referrals', 'child-2')).toBe(true);
    parked.replace('child-1', []);
    expect(parked.hasAny('child-1')).toBe(false);
  });
});
