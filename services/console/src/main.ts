import 'reflect-metadata';
import { startTracing } from '@csc/tracing/start-tracing';

// Before http is loaded, so that its instrumentation takes (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
startTracing('console');

import { Logger } from 'nestjs-pino';
import { createConsoleApp } from './console-app';
import { CONSOLE_SETTINGS, consoleSettingsFrom, type ConsoleSettings } from './config/console-settings';

const main = async () => {
  // Settings first: one plain line when they are wrong, before Nest logs a stack trace about them.
  consoleSettingsFrom(process.env);
  const app = await createConsoleApp();
  const settings = app.get<ConsoleSettings>(CONSOLE_SETTINGS);
  await app.listen(settings.port, settings.host);
  app.get(Logger).log(`console listening on ${await app.getUrl()}`);
};

main().catch((error: unknown) => {
  process.stderr.write(`console failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
