import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { InterceptorsConsumer } from '@nestjs/core/interceptors/interceptors-consumer';
import { lastValueFrom, type Observable } from 'rxjs';

/**
 * @nestjs/core 11.2.10 is patched (patches/@nestjs+core+11.2.10.patch): the route handler behind an
 * interceptor still runs in the async context in which the interceptor called `next.handle()` (what
 * NestJS binds it for: a store an interceptor opens reaches the handler), but bound with a resource and
 * a closure rather than AsyncResource.bind, whose deprecated accessor cost about 20 µs a bind under load
 * (once per interceptor and once for the handler).
 */
describe("NestJS's interceptor chain (patched to bind without AsyncResource.bind)", () => {
  const store = new AsyncLocalStorage<string>();
  const controller = new (class AuditedController {})();
  const handler = () => undefined;

  const intercepted = async (interceptors: NestInterceptor[], route: () => Promise<unknown>) =>
    lastValueFrom(
      (await new InterceptorsConsumer().intercept(interceptors, [], controller, handler, route, 'http')) as Observable<unknown>,
    );

  const opening = (value: string): NestInterceptor => ({
    intercept: (_context: ExecutionContext, next: CallHandler) => store.run(value, () => next.handle()),
  });

  afterEach(() => jest.restoreAllMocks());

  it('runs the handler in the context the interceptor called next.handle() in, though it is subscribed to outside it', async () => {
    await expect(intercepted([opening('set by the interceptor')], async () => store.getStore())).resolves.toBe('set by the interceptor');
  });

  it('gives each interceptor of a chain, and the handler, the context the one before it handed on', async () => {
    const seen: (string | undefined)[] = [];
    const noting: NestInterceptor = {
      intercept: (_context, next) => {
        seen.push(store.getStore());
        return next.handle();
      },
    };
    const handled = await intercepted([opening('outer'), noting, opening('inner')], async () => store.getStore());
    expect(seen).toEqual(['outer']);
    expect(handled).toBe('inner');
  });

  it('keeps two requests in flight together apart', async () => {
    const slowly = (value: string) =>
      intercepted([opening(value)], async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return store.getStore();
      });
    await expect(Promise.all([slowly('first'), slowly('second')])).resolves.toEqual(['first', 'second']);
  });

  it('no longer binds with AsyncResource.bind (the patch is applied)', async () => {
    const bind = jest.spyOn(AsyncResource, 'bind');
    await intercepted([opening('request')], async () => store.getStore());
    expect(bind).not.toHaveBeenCalled();
  });
});
