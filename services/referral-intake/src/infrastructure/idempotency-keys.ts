import { createHash } from 'node:crypto';
import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * API.md: the same Idempotency-Key with the same body returns the first response again; with a
 * different body it is 422. The key is claimed in the write's own transaction, so a retry racing
 * the first attempt waits for it and then replays its answer (or, if it failed, goes ahead itself).
 */
@Injectable()
export class IdempotencyKeys {
  /** Returns the stored response to replay, or null when this request goes ahead. */
  async claim(manager: EntityManager, caller: string, key: string, body: unknown): Promise<StoredResponse | null> {
    if (!/^[\w-]{8,100}$/.test(key)) {
      throw new BadRequestException(['Idempotency-Key: must be 8-100 letters, digits, - or _ (a UUID is ideal)']);
    }
    const requestHash = hashOf(body);
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
const hashOf = (body: unknown): string => createHash('sha256').update(canonicalJson(body)).digest('hex');

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
