import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Observable } from 'rxjs';
import { DomainRuleViolation, StateConflict } from '@csc/domain';
import { BODY_LIMIT, MAX_JSON_DEPTH } from '../http/json-body';
import { ConcurrencyError, PersonalDataErasedError } from '@csc/event-store';
import { EventFailureFilter, describeErrorSafely, isTransientError } from '@csc/messaging';

/** docs/http-api.md's error body. `message` is always a list of "field.path: what is wrong". */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string[];
  currentVersion?: number;
}

/**
 * Shapes every HTTP error as docs/http-api.md says, turns a lost optimistic-concurrency race into 409 with
 * the current version, and hides anything unexpected behind a bare 500 (details go to the log by
 * error name and message only; our errors never carry personal data).
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');
  private readonly eventFailures = new EventFailureFilter();

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // A Kafka reaction's error goes back to the transport as it is: it decides on retries and the dead-letter topic.
    if (host.getType() !== 'http') return this.eventFailures.catch(exception, host);
    const response = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void }; setHeader(name: string, value: string): void }>();
    const body = this.toApiError(exception);
    // A 503 is a moment's wait (a view still catching up with the log), not a fault: say when to come back.
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    // A stale If-Match: the current version in the ETag too, as every read and write gives it.
    if (body.currentVersion !== undefined) response.setHeader('ETag', `"${body.currentVersion}"`);
    response.status(body.statusCode).json(body);
  }

  private toApiError(exception: unknown): ApiError {
    // body-parser's message quotes the malformed body: say only what is wrong.
    if (isMalformedJson(exception)) {
      return { statusCode: 400, error: STATUS_CODES[400]!, message: ['body: is not valid JSON'] };
    }
    const unreadable = bodyReadingProblem(exception);
    if (unreadable) return { statusCode: unreadable.status, error: STATUS_CODES[unreadable.status]!, message: [unreadable.message] };
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const raw = typeof payload === 'string' ? payload : ((payload as { message?: unknown }).message ?? exception.message);
      const extra = typeof payload === 'object' ? (payload as { currentVersion?: number }) : {};
      return {
        statusCode,
        error: STATUS_CODES[statusCode] ?? 'Error',
        message: (Array.isArray(raw) ? raw : [raw]).map(String),
        ...(extra.currentVersion !== undefined ? { currentVersion: extra.currentVersion } : {}),
      };
    }
    if (exception instanceof ConcurrencyError) {
      return {
        statusCode: HttpStatus.CONFLICT,
        error: STATUS_CODES[HttpStatus.CONFLICT]!,
        message: [`If-Match: the record changed; it is now at version ${exception.actualVersion}`],
        currentVersion: exception.actualVersion,
      };
    }
    if (exception instanceof PersonalDataErasedError) {
      return {
        statusCode: HttpStatus.GONE,
        error: STATUS_CODES[HttpStatus.GONE]!,
        message: ["childId: this child's personal data has been erased"],
      };
    }
    if (exception instanceof DomainRuleViolation) {
      const census = exception.censusCode ? ` (CIN census rule ${exception.censusCode})` : '';
      return {
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: STATUS_CODES[HttpStatus.UNPROCESSABLE_ENTITY]!,
        message: [`${exception.field}: ${exception.message} [${exception.rule}]${census}`],
      };
    }
    if (exception instanceof StateConflict) {
      return {
        statusCode: HttpStatus.CONFLICT,
        error: STATUS_CODES[HttpStatus.CONFLICT]!,
        message: [`${exception.field}: ${exception.message}`],
      };
    }
    // The database restarting, its connections all in use (the pool's wait ran out), a deadlock: a moment's
    // trouble, not the request's nor a fault in the code. Nothing was written (the transaction rolled back).
    if (isTransientError(exception)) {
      this.logger.warn(`answered 503 for a transient failure: ${describeErrorSafely(exception)}`);
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: STATUS_CODES[HttpStatus.SERVICE_UNAVAILABLE]!,
        message: ['service: busy or briefly unavailable; nothing was written, try again shortly'],
      };
    }
    this.logger.error(`unhandled ${describeErrorSafely(exception)}`, exception instanceof Error ? stackFrames(exception) : undefined);
    return { statusCode: 500, error: STATUS_CODES[500]!, message: ['internal error'] };
  }
}

/**
 * What body-parser and Express refused about a request's body, as docs/http-api.md's message: their own
 * messages quote the body or the header, so each kind of refusal is said in our words. A client's
 * mistake (4xx) only; anything else falls through to be logged as a fault.
 */
const bodyReadingProblem = (exception: unknown): { status: number; message: string } | null => {
  const error = exception as { status?: unknown; statusCode?: unknown; type?: unknown; code?: unknown } | null;
  const status = typeof error?.status === 'number' ? error.status : typeof error?.statusCode === 'number' ? error.statusCode : null;
  if (exception instanceof HttpException || status === null || status < 400 || status > 499) return null;
  switch (error!.type) {
    case 'entity.too.large':
      return { status: 413, message: `body: is larger than ${BODY_LIMIT}` };
    case 'entity.too.deep':
      return { status: 400, message: `body: is nested deeper than ${MAX_JSON_DEPTH} levels` };
    case 'charset.unsupported':
      return { status: 415, message: 'Content-Type: charset must be utf-8' };
    case 'encoding.unsupported':
      return { status: 415, message: 'Content-Encoding: must be identity, gzip, deflate or br' };
    case 'request.size.invalid':
    case 'request.aborted':
      return { status: 400, message: 'body: did not arrive whole (its length differs from Content-Length)' };
  }
  if (typeof error!.code === 'string' && error!.code.startsWith('Z_')) {
    return { status: 400, message: 'body: is not valid gzip or deflate data, as its Content-Encoding says' };
  }
  return { status, message: 'body: could not be read' };
};

const isMalformedJson = (exception: unknown): boolean => {
  const candidate = exception as { type?: string; cause?: { type?: string } } | null;
  if (candidate?.type === 'entity.parse.failed' || candidate?.cause?.type === 'entity.parse.failed') return true;
  return exception instanceof HttpException && exception.getStatus() === 400 && /JSON/.test(String(exception.message));
};

/** Where it happened, without the message line (which may quote data). */
const stackFrames = (error: Error): string | undefined => error.stack?.split('\n').slice(1).join('\n');
