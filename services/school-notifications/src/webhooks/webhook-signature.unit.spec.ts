import { verifyWebhook } from '../../../../examples/school-webhook-receiver/src/verify-webhook';
import { signWebhook } from './webhook-signature';

const SECRET = 'q1w2e3r4t5y6u7i8o9p0';
const ID = '7d9c1b0e-3f2a-4c1d-9e8b-6a5f4d3c2b1a';
const BODY = `{"id":"${ID}","type":"REFERRAL_RECEIVED"}`;
const NOW = 1767225600;

const signed = (body = BODY, timestamp = NOW, secret = SECRET, id = ID) => ({
  headers: { 'x-csc-notification-id': id, 'x-csc-timestamp': String(timestamp), 'x-csc-signature': signWebhook(secret, timestamp, body) },
  rawBody: Buffer.from(body),
});

describe('webhook signatures: what the service signs, the example receiver verifies', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as docs/http-api.md says (the same value `openssl dgst -sha256 -hmac` gives)', () => {
    expect(signWebhook(SECRET, NOW, BODY)).toBe('v1=941aa11eb29da74e681b7a86352e32faa7ca676d682f2beeeb91dc6ec19097f6');
  });

  it('accepts a fresh, correctly signed notification', () => {
    expect(verifyWebhook(SECRET, signed(), NOW + 2)).toEqual({ ok: true, notificationId: ID, notification: JSON.parse(BODY) });
  });

  it.each([
    ['a changed body', { ...signed(), rawBody: Buffer.from(BODY.replace('RECEIVED', 'DECIDED')) }],
    ['another school’s secret', signed(BODY, NOW, 'another-secret')],
    ['a changed timestamp', { ...signed(), headers: { ...signed().headers, 'x-csc-timestamp': String(NOW + 1) } }],
    ['a signature that is not hex', { ...signed(), headers: { ...signed().headers, 'x-csc-signature': 'v1=zz' } }],
  ])('refuses %s with 401', (_case, request) => {
    expect(verifyWebhook(SECRET, request, NOW)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a replay older than five minutes, and a timestamp five minutes ahead; accepts up to five minutes either way', () => {
    expect(verifyWebhook(SECRET, signed(), NOW + 300)).toMatchObject({ ok: true });
    expect(verifyWebhook(SECRET, signed(), NOW + 301)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/replay/) });
    expect(verifyWebhook(SECRET, signed(), NOW - 301)).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    ['no signature', { ...signed(), headers: { 'x-csc-notification-id': ID, 'x-csc-timestamp': String(NOW) } }],
    ['a timestamp that is not Unix seconds', { ...signed(), headers: { ...signed().headers, 'x-csc-timestamp': '2026-01-01' } }],
    ['an id header that is not the body’s', signed(BODY, NOW, SECRET, '00000000-0000-4000-8000-000000000000')],
  ])('refuses %s with 400', (_case, request) => {
    expect(verifyWebhook(SECRET, request, NOW)).toMatchObject({ ok: false, status: 400 });
  });
});
