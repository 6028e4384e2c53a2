import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { httpMetrics, keepIdleConnectionsOpen, ServiceMetrics } from '@csc/platform';
import { consoleSettingsFrom } from './config/console-settings';
import { ConsoleModule } from './console.module';
import { cspNonce, formBody, securityHeaders, session } from './http/browser-security';
import { pageLocals, useGovukViews } from './http/views';

/** Builds the console exactly as it runs (main.ts and the browser tests). */
export const createConsoleApp = async (): Promise<NestExpressApplication> => {
  const settings = consoleSettingsFrom(process.env);
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.withSettings(settings), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  keepIdleConnectionsOpen(app.getHttpServer());
  app.disable('x-powered-by');
  app.use(cspNonce, securityHeaders());
  // Static assets need no session; pages after them all do.
  useGovukViews(app);
  // Pages and posts timed by route pattern, as the services' requests are (static assets are not counted).
  app.use(httpMetrics(app.get(ServiceMetrics)));
  app.use(noStore, session(settings), formBody(), pageLocals);
  app.enableShutdownHooks();
  return app;
};

/** Pages show children's details: no browser or proxy may keep them. */
const noStore: Parameters<NestExpressApplication['use']>[0] = (
  _request: unknown,
  response: { setHeader(n: string, v: string): void },
  next: () => void,
) => {
  response.setHeader('Cache-Control', 'no-store');
  next();
};
