import { Inject, Injectable } from '@nestjs/common';
import { activeTraceparent } from '@csc/tracing';
import { CONSOLE_SETTINGS, type ConsoleSettings, type ServiceName } from '../config/console-settings';
import { ACCESS_TOKEN_SOURCE, type AccessTokenSource, type SignedInUser } from '../sign-in/signed-in-user';
import { SERVICE_CALL_TIMER, type ServiceCallTimer } from '../observability/service-call-metrics';
import { ApiRefusal, ServiceUnreachable } from './api-refusal';

export interface ApiAnswer<T> {
  body: T;
  /** The aggregate's version from the ETag header (`"5"` -> 5), to send back as If-Match on the next write. */
  version: number | null;
}

const TIMEOUT_MS = 10_000;
/** A return is made from the whole log: longer than a page's read, and the service itself answers 503 after 5 s of catching up. */
const FILE_TIMEOUT_MS = 60_000;

/** A file a service made (a return, a workbook), as it sent it. */
export interface ApiFile {
  bytes: Buffer;
  contentType: string;
  /** The service's `attachment; filename="..."`, passed on as it is. */
  contentDisposition: string | null;
}

/**
 * The one way the console calls the services: as the signed-in user (a token from the AccessTokenSource),
 * JSON in and out (or a file's bytes), ETag read and If-Match sent. An error answer becomes an ApiRefusal carrying the API's
 * messages; nothing here logs, since paths, bodies and answers can carry a child's details. Each call is
 * timed by service and status for /metrics, and joins the page's trace when tracing is on.
 */
@Injectable()
export class ServicesApi {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    @Inject(ACCESS_TOKEN_SOURCE) private readonly tokens: AccessTokenSource,
    @Inject(SERVICE_CALL_TIMER) private readonly timeCall: ServiceCallTimer,
  ) {}

  get<T>(service: ServiceName, path: string, user: SignedInUser): Promise<ApiAnswer<T>> {
    return this.call<T>(service, path, user, { method: 'GET' });
  }

  post<T>(
    service: ServiceName,
    path: string,
    user: SignedInUser,
    body: unknown,
    { ifMatch, idempotencyKey }: { ifMatch?: number | null; idempotencyKey?: string } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = `"${ifMatch}"`;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    return this.call<T>(service, path, user, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  /** A file, its bytes untouched; an error answer (JSON, as any other) is an ApiRefusal all the same. */
  async file(service: ServiceName, path: string, user: SignedInUser): Promise<ApiFile> {
    const response = await this.fetch(service, path, user, { method: 'GET' }, FILE_TIMEOUT_MS);
    if (!response.ok) throw new ApiRefusal(response.status, messagesOf(await response.json().catch(() => null)), service);
    return {
      bytes: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      contentDisposition: response.headers.get('content-disposition'),
    };
  }

  private async call<T>(service: ServiceName, path: string, user: SignedInUser, init: RequestInit): Promise<ApiAnswer<T>> {
    const response = await this.fetch(service, path, user, { ...init, headers: { Accept: 'application/json', ...init.headers } });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new ApiRefusal(response.status, messagesOf(body), service);
    return { body: body as T, version: versionOf(response.headers.get('etag')) };
  }

  private async fetch(
    service: ServiceName,
    path: string,
    user: SignedInUser,
    init: RequestInit,
    timeoutMs = TIMEOUT_MS,
  ): Promise<Response> {
    const traceparent = activeTraceparent();
    const headers = {
      Authorization: `Bearer ${await this.tokens.accessTokenFor(user)}`,
      ...(traceparent ? { traceparent } : {}),
      ...init.headers,
    };
    const answered = this.timeCall(service);
    try {
      const response = await fetch(`${this.settings.serviceUrls[service]}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      answered(response.status);
      return response;
    } catch {
      answered('unreachable');
      throw new ServiceUnreachable(service);
    }
  }
}

const messagesOf = (body: unknown): string[] => {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.filter((line): line is string => typeof line === 'string');
  return typeof message === 'string' ? [message] : [];
};

export const versionOf = (etag: string | null): number | null => {
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(etag ?? '');
  return match ? Number(match[1]) : null;
};
