import type { ValidationError } from 'class-validator';
import { validationProblems } from './validation-problems';

const error = (property: string, constraints: Record<string, string>, children: ValidationError[] = []): ValidationError => ({
  property,
  constraints,
  children,
});

describe('validationProblems', () => {
  it('names each problem by its full path, without repeating the property name', () => {
    const errors = [
      error('child', {}, [error('dateOfBirth', { isDateString: 'dateOfBirth must be a valid ISO 8601 date string' })]),
      error('concerns', {}, [error('factors', {}, [error('0', { isIn: '0 must be one of the following values: 1A, 1B' })])]),
    ];
    expect(validationProblems(errors)).toEqual([
      'child.dateOfBirth: must be a valid ISO 8601 date string',
      'concerns.factors.0: must be one of the following values: 1A, 1B',
    ]);
  });

  it('says plainly that an unknown field is not accepted', () => {
    expect(validationProblems([error('nickname', { whitelistValidation: 'property nickname should not exist' })])).toEqual([
      'nickname: is not a known field',
    ]);
  });

  it('keeps a custom message that does not start with the property name', () => {
    expect(validationProblems([error('nhsNumber', { nhsNumber: 'fails the modulus 11 check' })])).toEqual([
      'nhsNumber: fails the modulus 11 check',
    ]);
  });
});
