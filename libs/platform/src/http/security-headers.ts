import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The headers every response carries (helmet): no X-Powered-By, nosniff, frame and referrer
 * policies, and a content security policy that lets the /docs page (Swagger UI's own inline script
 * and styles) run and nothing else from anywhere.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });

/**
 * Nothing an API answers may be kept by a browser or a proxy: most answers carry a child's data, and
 * the rest (an error naming a record) can say something about one.
 */
export const noStore: RequestHandler = (_request, response, next) => {
  response.setHeader('Cache-Control', 'no-store');
  next();
};
