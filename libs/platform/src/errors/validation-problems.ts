import type { ValidationError } from 'class-validator';

/**
 * Flattens class-validator's tree into docs/http-api.md's messages: "child.dateOfBirth: must not be in the future".
 * class-validator starts its default messages with the property name; the path already says it.
 */
export const validationProblems = (errors: ValidationError[], parentPath = ''): string[] =>
  errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(
      ([rule, message]) => `${path}: ${describeConstraint(rule, message, error.property)}`,
    );
    return [...own, ...validationProblems(error.children ?? [], path)];
  });

const describeConstraint = (rule: string, message: string, property: string): string => {
  if (rule === 'whitelistValidation') return 'is not a known field';
  const withoutProperty = message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
  return withoutProperty.replace(/^property \S+ /, '');
};
