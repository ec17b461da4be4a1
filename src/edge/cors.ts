import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the public API (`/graphql`, `/map.geojson`): any origin may read, without credentials.
 *
 * `Access-Control-Allow-Origin: *` is the same for every origin, so answers do not vary by Origin and
 * shared caches keep one copy. Credentials (cookies, HTTP auth) are never allowed: maillage has no
 * cookies, and an API token travels in the `Authorization` header, which a browser never adds by
 * itself: a page can send a token only if it holds one (see "CSRF" in the README).
 */
export const ALLOWED_REQUEST_HEADERS = [
  'accept', 'authorization', 'content-type', 'if-none-match', 'x-request-id',
  // Apollo clients send these; harmless.
  'apollo-require-preflight', 'x-apollo-operation-name', 'apollographql-client-name', 'apollographql-client-version',
];

/** Headers a cross-origin script may read besides the CORS-safelisted ones. */
export const EXPOSED_HEADERS = [
  'etag', 'age', 'x-request-id', 'retry-after', 'ratelimit', 'ratelimit-policy', 'www-authenticate',
];

/** Browsers cache a preflight at most this long (Chromium caps it at 2 h). */
export const PREFLIGHT_MAX_AGE = 7200;

/**
 * Sets the CORS headers of an answer; answers a preflight (OPTIONS) itself with 204 and returns true.
 * `methods` are the ones the route serves.
 */
export function cors(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): boolean {
  res.setHeader('access-control-allow-origin', '*');
  if (req.method !== 'OPTIONS') {
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
    return false;
  }
  res.statusCode = 204;
  res.setHeader('access-control-allow-methods', [...methods, 'OPTIONS'].join(', '));
  res.setHeader('access-control-allow-headers', ALLOWED_REQUEST_HEADERS.join(', '));
  res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE));
  res.setHeader('allow', [...methods, 'OPTIONS'].join(', '));
  res.setHeader('content-length', '0');
  res.end();
  return true;
}
