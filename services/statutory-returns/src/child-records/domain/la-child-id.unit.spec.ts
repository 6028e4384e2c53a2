import { laChildIdOf } from './la-child-id';

describe('laChildIdOf', () => {
  it('is the first 20 hex digits of the UUID, without hyphens, in upper case', () => {
    expect(laChildIdOf('3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f')).toBe('3F2A9C1E7B4D4E8A9C0F');
  });

  it('fits the census rules 1570 and 1580: at most 20 alphanumeric characters', () => {
    expect(laChildIdOf('00000000-0000-4000-8000-0000000000a1')).toMatch(/^[A-Z0-9]{1,20}$/);
  });

  it('names the same child the same way every time, and different children differently', () => {
    const child = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    expect(laChildIdOf(child)).toBe(laChildIdOf(child.toUpperCase()));
    expect(laChildIdOf(child)).not.toBe(laChildIdOf('a1b2c3d4-e5f6-4a7b-8c9e-0e1f2a3b4c5d'));
  });
});
