import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';

/**
 * Structured JSON logs. A request is logged by method, path (no query string), status and time:
 * never its body, headers or query, where personal data and credentials travel.
 */
export const loggingModule = (serviceName: string) =>
  LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService) => ({
      pinoHttp: {
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
      },
    }),
  });
