import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { destination, type DestinationStream } from 'pino';
import { logCorrelation, type Conversation } from '@csc/tracing';

/**
 * Structured JSON logs, to stdout or to LOG_FILE. A request is logged by method, path (no query
 * string), status and time: never its body, headers or query, where personal data and credentials travel.
 */
export const loggingModule = (serviceName: string) =>
  LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService) => {
      const options = {
        name: serviceName,
        level: config.get<string>('LOG_LEVEL', 'info'),
        genReqId: (request: IncomingMessage) => {
          const given = request.headers['x-request-id'];
          return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
        },
        serializers: {
          req: (request: { id: string; method: string; url: string }) => ({
            id: request.id,
            method: request.method,
            path: request.url.split('?')[0],
          }),
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          err: (error: Error) => ({ type: error.name, message: error.message }),
        },
        redact: { paths: ['req.headers', 'req.body', 'req.query'], remove: true },
        autoLogging: { ignore: (request: IncomingMessage) => (request.url ?? '').startsWith('/health') },
        customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
          error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
        quietReqLogger: true,
        // Every line says which conversation it belongs to (trace and correlation id), the request's
        // lines from the request itself (they are written as it finishes, outside its async context).
        // A request's own logger already carries them (customProps), so it is not given them twice.
        mixin: (_merge: object, _level: number, logger: { bindings(): Record<string, unknown> }) =>
          'correlationId' in logger.bindings() ? {} : logCorrelation(),
        customProps: (request: IncomingMessage & { conversation?: Conversation }) =>
          request.conversation
            ? { correlationId: request.conversation.correlationId, traceId: request.conversation.traceparent.split('-')[1] }
            : {},
      };
      const file = config.get<string>('LOG_FILE');
      return { pinoHttp: file ? ([options, logFile(file)] as const) : options };
    },
  });

const logFiles = new Map<string, DestinationStream>();

/**
 * One stream per file, however many times a process builds the app (the tests build many). Written
 * synchronously so that nothing is lost when a test process ends right after its services stop.
 */
const logFile = (path: string): DestinationStream => {
  let stream = logFiles.get(path);
  if (!stream) {
    stream = destination({ dest: path, append: true, mkdir: true, sync: true });
    logFiles.set(path, stream);
  }
  return stream;
};
