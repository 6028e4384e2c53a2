import { createHash } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@csc/auth';

/** What a creating write answered, kept under its Idempotency-Key to be answered again. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotentRequest {
  /** Whose key it is (`callerOf`): two callers' keys never meet. */
  caller: string;
  /** The checked Idempotency-Key (`idempotencyKeyFrom`); none: the write simply goes ahead. */
  key: string | undefined;
  /** What the key stands for: the body as sent, plus any path id the body does not name. */
  request: unknown;
}

/** A key belongs to the person and the organisation they act for. */
export const callerOf = (user: AuthenticatedUser): string => `${user.sub}@${user.org}`;

/**
 * docs/http-api.md: the same Idempotency-Key with the same body returns the first response again; with a
 * different body it is 422. The key is claimed in the write's own transaction, so a retry racing
 * the first attempt waits for it on the key's row and then replays its answer (or, if the first
 * failed and rolled back, goes ahead itself); a write that ends in a 4xx rolls its claim back too.
 * The table is made by `idempotencyKeysMigration` in each service that takes keys.
 */
@Injectable()
export class IdempotencyKeys {
  /**
   * Within `manager`'s transaction: the first response again for a key seen before, otherwise the
   * write's own response, kept under the key.
   */
  async once(
    manager: EntityManager,
    idempotent: IdempotentRequest | undefined,
    write: () => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    if (idempotent?.key === undefined) return write();
    const { caller, key, request } = idempotent;
    const replay = await this.claim(manager, caller, key, request);
    if (replay) return replay;
    const response = await write();
    await this.complete(manager, caller, key, response);
    return response;
  }

  /** Returns the stored response to replay, or null when this request goes ahead. */
  async claim(manager: EntityManager, caller: string, key: string, request: unknown): Promise<StoredResponse | null> {
    const requestHash = hashOf(request);
    const claimed = await manager.query(
      `INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [caller, key, requestHash],
    );
    if (claimed.length > 0) return null;
    const [existing] = await manager.query(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE caller = $1 AND key = $2`,
      [caller, key],
    );
    if (existing.request_hash !== requestHash) {
      throw new UnprocessableEntityException(['Idempotency-Key: already used with a different body']);
    }
    return { status: existing.response_status, body: existing.response_body };
  }

  async complete(manager: EntityManager, caller: string, key: string, response: StoredResponse): Promise<void> {
    await manager.query(`UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE caller = $1 AND key = $2`, [
      caller,
      key,
      response.status,
      JSON.stringify(response.body),
    ]);
  }
}

/** Key order does not change a JSON body's meaning, so it must not change its hash. */
export const hashOf = (request: unknown): string => createHash('sha256').update(canonicalJson(request)).digest('hex');

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};
