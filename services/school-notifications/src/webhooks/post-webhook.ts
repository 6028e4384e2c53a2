import { request, type Dispatcher } from 'undici';
import { WebhookConnectionRefused } from './guarded-agent';

/**
 * POSTs one signed notification. Null when the school acknowledged it (a 2xx); otherwise what went
 * wrong, without any response body. undici's request(), not fetch(): the same client underneath
 * without the WHATWG streams, at a fraction of the CPU per POST (npm run bench). It follows no
 * redirect: a redirect is not an acknowledgement, and following one could carry the notification elsewhere.
 * The dispatcher decides where it may connect (guardedAgent).
 */
export const postWebhook = async (
  url: string,
  headers: Record<string, string>,
  body: string,
  { timeoutMs, dispatcher }: { timeoutMs: number; dispatcher: Dispatcher },
): Promise<string | null> => {
  try {
    const response = await request(url, { method: 'POST', headers, body, dispatcher, signal: AbortSignal.timeout(timeoutMs) });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < 300 ? null : `HTTP ${response.statusCode}`;
  } catch (error) {
    const failure = error as Error & { code?: string; cause?: { code?: string } };
    if (failure.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    if (failure instanceof WebhookConnectionRefused) return failure.message;
    return failure.code ?? failure.cause?.code ?? failure.name;
  }
};
