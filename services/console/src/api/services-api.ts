import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_SETTINGS, type ConsoleSettings, type ServiceName } from '../config/console-settings';
import { ACCESS_TOKEN_SOURCE, type AccessTokenSource, type SignedInUser } from '../sign-in/signed-in-user';
import { ApiRefusal, ServiceUnreachable } from './api-refusal';

export interface ApiAnswer<T> {
  body: T;
  /** The aggregate's version from the ETag header (`"5"` -> 5), to send back as If-Match on the next write. */
  version: number | null;
}

const TIMEOUT_MS = 10_000;

/**
 * The one way the console calls the services: as the signed-in user (a token from the AccessTokenSource),
 * JSON in and out, ETag read and If-Match sent. An error answer becomes an ApiRefusal carrying the API's
 * messages; nothing here logs, since paths, bodies and answers can carry a child's details.
 */
@Injectable()
export class ServicesApi {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    @Inject(ACCESS_TOKEN_SOURCE) private readonly tokens: AccessTokenSource,
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

  private async call<T>(service: ServiceName, path: string, user: SignedInUser, init: RequestInit): Promise<ApiAnswer<T>> {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${await this.tokens.accessTokenFor(user)}`, ...init.headers };
    let response: Response;
    try {
      response = await fetch(`${this.settings.serviceUrls[service]}${path}`, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new ServiceUnreachable(service);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new ApiRefusal(response.status, messagesOf(body), service);
    return { body: body as T, version: versionOf(response.headers.get('etag')) };
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
