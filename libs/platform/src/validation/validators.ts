import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate, isValidNhsNumber, isValidPostcode, isValidUpn, isValidUrn, londonDateOf } from '@csc/domain';

/**
 * Field checks for request bodies, each with a message that says what is wrong without echoing the
 * value (it may be personal data). The checks themselves live in libs/domain.
 */
const check = (name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions) =>
  ValidateBy({ name, validator: { validate: test, defaultMessage: () => message } }, options);

export const IsNhsNumber = (options?: ValidationOptions) =>
  check(
    'nhsNumber',
    (value) => typeof value === 'string' && isValidNhsNumber(value),
    'must be a 10-digit NHS number that passes the modulus 11 check',
    options,
  );

export const IsUpn = (options?: ValidationOptions) =>
  check(
    'upn',
    (value) => typeof value === 'string' && isValidUpn(value),
    'must be a 13-character UPN with a correct check letter (CIN rule 1510)',
    options,
  );

export const IsUkPostcode = (options?: ValidationOptions) =>
  check('postcode', (value) => typeof value === 'string' && isValidPostcode(value), 'must be a UK postcode or postcode district', options);

export const IsSchoolUrn = (options?: ValidationOptions) =>
  check('urn', (value) => typeof value === 'string' && isValidUrn(value), "must be a school's six-digit URN", options);

export const IsCalendarDate = (options?: ValidationOptions) =>
  check('calendarDate', (value) => typeof value === 'string' && isCalendarDate(value), 'must be a real date as YYYY-MM-DD', options);

const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export const IsInstant = (options?: ValidationOptions) =>
  check(
    'instant',
    // Date.parse rolls 30 February over to 2 March: the day itself must exist.
    (value) =>
      typeof value === 'string' &&
      INSTANT_WITH_OFFSET.test(value) &&
      isCalendarDate(value.slice(0, 10)) &&
      !Number.isNaN(Date.parse(value)),
    'must be an ISO 8601 instant with an offset on a day that exists, e.g. 2025-01-03T09:15:00Z',
    options,
  );

// A little slack for clocks that run ahead of ours.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A date (YYYY-MM-DD) or instant that has not happened yet is refused. */
export const IsNotInFuture = (options?: ValidationOptions) =>
  check(
    'notInFuture',
    (value) => {
      if (typeof value !== 'string') return false;
      // A calendar day is compared with today's date in England (not UTC midnight, which is an hour off in summer).
      if (isCalendarDate(value)) return value <= londonDateOf(new Date(Date.now() + CLOCK_SKEW_MS));
      const at = Date.parse(value);
      return !Number.isNaN(at) && at <= Date.now() + CLOCK_SKEW_MS;
    },
    'must not be in the future',
    options,
  );

/** For "one or the other, not both": this field must be absent when `other` is given. */
export const IsAbsentWhenPresent = (other: string, message: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'absentWhenPresent',
      validator: {
        validate: (value, args) => value === undefined || (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: () => message,
      },
    },
    options,
  );
