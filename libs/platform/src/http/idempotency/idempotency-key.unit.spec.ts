import { BadRequestException } from '@nestjs/common';
import { idempotencyKeyFrom } from './idempotency-key-header';
import { hashOf } from './idempotency-keys';

describe('Idempotency-Key', () => {
  it.each(['a'.repeat(8), 'b'.repeat(100), '3f1c1e2a-9d4b-4c8e-8f7a-0c2d5e6f7a8b', 'retry_2025-01-06'])('takes %s', (key) => {
    expect(idempotencyKeyFrom(key)).toBe(key);
  });

  it('is optional: no header, no key', () => {
    expect(idempotencyKeyFrom(undefined)).toBeUndefined();
  });

  it.each([['a'.repeat(7)], ['b'.repeat(101)], ['has spaces in it'], ['semi;colon-key'], [['one-key-1', 'two-key-2']]])(
    'refuses %j, naming the header',
    (key) => {
      expect(() => idempotencyKeyFrom(key)).toThrow(BadRequestException);
      expect(() => idempotencyKeyFrom(key)).toThrow(
        expect.objectContaining({ response: expect.objectContaining({ message: [expect.stringMatching(/^Idempotency-Key: /)] }) }),
      );
    },
  );

  it('hashes a body the same whatever the order of its keys, and differently when a value differs', () => {
    const body = { child: { givenName: 'Ava', sex: 'F' }, reason: 'Attendance', factors: ['16A', '3A'] };
    const reordered = { factors: ['16A', '3A'], reason: 'Attendance', child: { sex: 'F', givenName: 'Ava' } };
    expect(hashOf(reordered)).toBe(hashOf(body));
    expect(hashOf({ ...body, factors: ['3A', '16A'] })).not.toBe(hashOf(body));
    expect(hashOf({ childId: 'a', body })).not.toBe(hashOf({ childId: 'b', body }));
  });
});
