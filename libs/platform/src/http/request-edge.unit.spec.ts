import { jsonDepthOf, MAX_JSON_DEPTH } from './json-body';
import { unsafeInputProblems } from './unsafe-input.pipe';

describe('the JSON depth, counted on the bytes before parsing', () => {
  it('counts objects and arrays, not brackets inside strings or escaped quotes', () => {
    expect(jsonDepthOf(Buffer.from('{"a":[1,{"b":2}]}'))).toBe(3);
    expect(jsonDepthOf(Buffer.from('{"a":"[[[{{{","b":"\\"[["}'))).toBe(1);
    expect(jsonDepthOf(Buffer.from('"plain"'))).toBe(0);
  });

  it('finds a body nested past the limit', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(jsonDepthOf(Buffer.from(deep))).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe('unsafe input, named by where it is', () => {
  it('passes ordinary text, numbers, emoji (a surrogate pair) and nested fields', () => {
    expect(unsafeInputProblems({ child: { givenName: 'Zoë 👍', age: 3 }, list: ['a', { b: 'c' }] }, '')).toEqual([]);
  });

  it('names a NUL byte, a lone surrogate and a prototype key wherever they are', () => {
    expect(
      unsafeInputProblems({ a: 'x\u0000', list: [{ b: 'y\uDC00' }], child: JSON.parse('{"__proto__":{}}'), prototype: 1 }, ''),
    ).toEqual([
      'a: contains a NUL byte',
      'list[0].b: contains a lone surrogate (not valid Unicode)',
      "child.__proto__: is not allowed (it would reach an object's prototype)",
      "prototype: is not allowed (it would reach an object's prototype)",
    ]);
  });

  it('names a path or query parameter by its own name', () => {
    expect(unsafeInputProblems('a\u0000b', 'id')).toEqual(['id: contains a NUL byte']);
    expect(unsafeInputProblems({ userId: '\uD800' }, '')).toEqual(['userId: contains a lone surrogate (not valid Unicode)']);
  });
});
