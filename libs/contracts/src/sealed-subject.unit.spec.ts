import { isSealedSubject, sealedSubjectSchema } from './sealed-subject';

describe('telling a sealed subject from an open one', () => {
  const sealed = {
    alg: 'A256GCM',
    kid: '3f1e7c5a-1b2c-4d3e-8f4a-5b6c7d8e9f00',
    iv: 'AAECAwQFBgcICQoL',
    ct: 'eyJjaGlsZCI6e319',
    tag: 'AAECAwQFBgcICQoLDA0ODw==',
  };

  it('takes what the schema takes', () => {
    expect(sealedSubjectSchema.safeParse(sealed).success).toBe(true);
    expect(isSealedSubject(sealed)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'sealed'],
    ['an array', [sealed]],
    ['an open subject', { child: { givenName: 'Ada' } }],
    ['another algorithm', { ...sealed, alg: 'A128GCM' }],
    ['a key id that is not a UUID', { ...sealed, kid: 'key-1' }],
    ['a missing tag', { ...sealed, tag: undefined }],
    ['a ciphertext that is not a string', { ...sealed, ct: 42 }],
    ['a sixth field', { ...sealed, child: { givenName: 'Ada' } }],
  ])('refuses %s, as the schema does', (_, value) => {
    expect(sealedSubjectSchema.safeParse(value).success).toBe(false);
    expect(isSealedSubject(value)).toBe(false);
  });

  it('leaves base64 to opening, which authenticates it: the schema refuses a part that is not base64, the guard does not', () => {
    const garbled = { ...sealed, ct: 'not base64!' };
    expect(sealedSubjectSchema.safeParse(garbled).success).toBe(false);
    expect(isSealedSubject(garbled)).toBe(true);
  });
});
