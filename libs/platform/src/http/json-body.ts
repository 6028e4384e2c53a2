import { json, type RequestHandler } from 'express';

/** Larger than any real request here (a referral is a few kilobytes), small enough to refuse a flood. */
export const BODY_LIMIT = '256kb';

/** Deeper than any request body here needs; far short of what would exhaust a stack later on. */
export const MAX_JSON_DEPTH = 64;

const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** How deep a JSON text nests, counted on its bytes in one pass, before anything parses it. */
export const jsonDepthOf = (text: Buffer): number => {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const byte = text[at];
    if (inString) {
      if (byte === BACKSLASH) at++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPEN.has(byte)) deepest = Math.max(deepest, ++depth);
    else if (CLOSE.has(byte)) depth--;
  }
  return deepest;
};

/** The error body-parser passes on when `verify` refuses a body: a 400 of its own kind. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor() {
    super(`body nested deeper than ${MAX_JSON_DEPTH}`);
  }
}

/**
 * The one JSON body parser of every service: UTF-8 only (another charset is 415), gzip or deflate
 * (another encoding is 415; a body that is not what its encoding says is 400), at most BODY_LIMIT
 * (413), nested at most MAX_JSON_DEPTH (400, refused before parsing). Its errors are mapped to
 * docs/http-api.md's shape by the ApiErrorFilter.
 */
export const jsonBody = (): RequestHandler =>
  json({
    limit: BODY_LIMIT,
    strict: true,
    verify: (_request, _response, body) => {
      if (jsonDepthOf(body) > MAX_JSON_DEPTH) throw new JsonTooDeepError();
    },
  });
