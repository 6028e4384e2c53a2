import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { validationProblems } from './validation-problems';

/** Unknown fields are rejected, never dropped; types are converted; every problem is named by its path. */
export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(validationProblems(errors)),
  });
