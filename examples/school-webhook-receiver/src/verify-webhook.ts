import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks that a webhook came from the local authority and is fresh. Copy this function: it needs
 * nothing but Node's crypto module.
 *
 * The authority signs `<X-CSC-Timestamp>.<raw body>` with HMAC-SHA256 under the secret your school
 * was given when its webhook was set, and sends `X-CSC-Signature: v1=<hex>`. Verify over the raw
 * bytes received (not re-serialised JSON), compare in constant time, and refuse a timestamp more
 * than five minutes away from your clock: a captured message replayed later is then refused.
 */
export interface WebhookRequest {
  /** Header names in lower case, as Node's http module gives them. */
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

export type Verified =
  { ok: true; notificationId: string; notification: SchoolNotification } | { ok: false; status: 400 | 401; reason: string };

/** What the authority tells a school (docs/http-api.md): ids, a type, a time, a plain-English summary, maybe a social worker. */
export interface SchoolNotification {
  id: string;
  childId: string;
  referralId?: string;
  type: string;
  occurredAt: string;
  summary: string;
  socialWorker?: { name: string; team?: string; phone?: string; email?: string };
}

export const REPLAY_TOLERANCE_SECONDS = 5 * 60;

const header = (request: WebhookRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const verifyWebhook = (
  secret: string,
  request: WebhookRequest,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = REPLAY_TOLERANCE_SECONDS,
): Verified => {
  const notificationId = header(request, 'x-csc-notification-id');
  const timestamp = header(request, 'x-csc-timestamp');
  const signature = header(request, 'x-csc-signature');
  if (!notificationId || !timestamp || !signature) return { ok: false, status: 400, reason: 'missing X-CSC-* headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 400, reason: 'X-CSC-Timestamp is not Unix seconds' };
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, status: 401, reason: 'X-CSC-Timestamp is more than five minutes away: refused as a possible replay' };
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(request.rawBody).digest();
  const given = /^v1=([0-9a-f]{64})$/.exec(
    signature
      .split(',')
      .map((part) => part.trim())
      .find((part) => part.startsWith('v1=')) ?? '',
  );
  if (!given || !timingSafeEqual(expected, Buffer.from(given[1], 'hex')))
    return { ok: false, status: 401, reason: 'signature does not match' };
  let notification: SchoolNotification;
  try {
    notification = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'body is not JSON' };
  }
  if (notification.id !== notificationId) return { ok: false, status: 400, reason: 'X-CSC-Notification-Id does not match the body' };
  return { ok: true, notificationId, notification };
};
