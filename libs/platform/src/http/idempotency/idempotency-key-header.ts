import { BadRequestException } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Long enough not to collide by chance, short and plain enough to store and log safely. */
const KEY_FORMAT = /^[\w-]{8,100}$/;

/**
 * The `Idempotency-Key` header of a creating write, checked before anything is read or written
 * (400 naming the header); absent: undefined, and the write is not protected against retries.
 */
export const idempotencyKeyFrom = (header: string | string[] | undefined): string | undefined => {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
    throw new BadRequestException(['Idempotency-Key: must be 8-100 letters, digits, - or _ (a UUID is ideal)']);
  }
  return header;
};

/** OpenAPI: the header on every creating write, said the same way. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retry safely: the same key and body return the first response (status, body, headers); the same key with another body is 422. 8-100 letters, digits, - or _',
  });
