import { createHmac } from 'node:crypto';

/** The headers docs/http-api.md promises a school's endpoint. */
export const WEBHOOK_HEADERS = {
  notificationId: 'X-CSC-Notification-Id',
  timestamp: 'X-CSC-Timestamp',
  signature: 'X-CSC-Signature',
} as const;

/**
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the school's secret. The timestamp (Unix
 * seconds, the attempt's own) is signed with the body so a receiver can refuse an old message
 * replayed at it; the `v1=` prefix leaves room for a second scheme during a change of algorithm.
 */
export const signWebhook = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
