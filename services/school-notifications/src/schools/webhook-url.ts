import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A well-formed webhook URL: http(s), no credentials in it. Where it may point (https to a public
 * address, or local in development) is judged after, by WebhookTargets, which resolves its host.
 */
export const isWebhookUrl = (value: unknown): boolean => {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

export const IsWebhookUrl = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'webhookUrl',
      validator: { validate: isWebhookUrl, defaultMessage: () => 'must be an https URL without credentials, at most 2000 characters' },
    },
    options,
  );
