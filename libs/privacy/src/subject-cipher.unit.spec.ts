import { randomBytes, randomUUID } from 'node:crypto';
import { sealedSubjectSchema } from '@csc/contracts';
import { openSubject, sealSubject } from './subject-cipher';

describe('sealing a subject', () => {
  const key = randomBytes(32);
  const kid = randomUUID();
  const eventId = randomUUID();
  const subject = { child: { givenName: 'Ada', familyName: 'Lovelace', nhsNumber: '9434765919' } };

  it('hides every value and opens again with the same key and event', () => {
    const sealed = sealSubject(key, kid, subject, eventId);
    expect(sealedSubjectSchema.safeParse(sealed).success).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/Ada|Lovelace|9434765919/);
    expect(openSubject(key, sealed, eventId)).toEqual(subject);
  });

  it('never seals the same subject to the same ciphertext', () => {
    expect(sealSubject(key, kid, subject, eventId).ct).not.toEqual(sealSubject(key, kid, subject, eventId).ct);
  });

  it('does not open with another key', () => {
    expect(() => openSubject(randomBytes(32), sealSubject(key, kid, subject, eventId), eventId)).toThrow();
  });

  it('does not open when copied into another event', () => {
    expect(() => openSubject(key, sealSubject(key, kid, subject, eventId), randomUUID())).toThrow();
  });

  it('does not open when the ciphertext was altered', () => {
    const sealed = sealSubject(key, kid, subject, eventId);
    const altered = Buffer.from(sealed.ct, 'base64');
    altered[0] ^= 1;
    expect(() => openSubject(key, { ...sealed, ct: altered.toString('base64') }, eventId)).toThrow();
  });

  it.each(['iv', 'ct', 'tag'] as const)('does not open when its %s was garbled', (part) => {
    const sealed = sealSubject(key, kid, subject, eventId);
    expect(() => openSubject(key, { ...sealed, [part]: `!${sealed[part].slice(1)}` }, eventId)).toThrow();
  });

  it('does not open with a shortened tag, which GCM would otherwise check on its first bytes only', () => {
    const sealed = sealSubject(key, kid, subject, eventId);
    const shortened = Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => openSubject(key, { ...sealed, tag: shortened }, eventId)).toThrow();
  });
});
