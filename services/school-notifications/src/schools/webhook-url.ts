import { ValidateBy, type ValidationOptions } from 'class-validator';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Notifications travel only encrypted: https, or http to the machine itself (a local receiver, tests). */
export const isWebhookUrl = (value: unknown): boolean => {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
};

export const IsWebhookUrl = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'webhookUrl', validator: { validate: isWebhookUrl, defaultMessage: () => 'must be an https URL (http only to 127.0.0.1)' } },
    options,
  );
