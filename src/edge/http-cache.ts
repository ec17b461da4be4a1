import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import onHeaders from 'on-headers';

/**
 * HTTP caching and compression of the API's answers.
 *
 * - `Cache-Control`: public answers get `public, max-age=N, stale-while-revalidate=N`, N being the
 *   smallest `@cacheControl(maxAge:)` hint the document touches (src/federation/cache-policy.ts);
 *   answers to a request with a token `private, no-store`; answers with errors `no-store`; a GET with
 *   no hint (introspection, `_service`) `no-cache` (kept, but revalidated: its ETag makes that cheap).
 * - `ETag`: strong, a SHA-256 of the exact bytes of the uncompressed body. A compressed body is
 *   another representation, so its tag gets the encoding appended (`"…-br"`, `"…-gzip"`, as Apache
 *   does) while `If-None-Match` matches any of them: a client holding either gets 304.
 * - gzip and brotli (quality 4) by `Accept-Encoding` for every compressible type above 1 KB, by the
 *   `compression` package (Express's), applied to every route of the server.
 */
export const compress = compression({ threshold: 1024 });

/** Responses whose ETag this module set (the playground tags its own files). */
const tagged = new WeakSet<ServerResponse>();

/**
 * Call first for every request: once `compress` has chosen an encoding, the tag says which.
 * (on-headers runs the latest listener first, so this one, registered before `compress`, runs after it.)
 */
export function tagEncodedRepresentations(res: ServerResponse): void {
  onHeaders(res, function (this: ServerResponse) {
    const encoding = this.getHeader('content-encoding');
    const etag = this.getHeader('etag');
    if (encoding && typeof etag === 'string' && tagged.has(this)) this.setHeader('etag', `${etag.slice(0, -1)}-${encoding}"`);
  });
}

export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** True when `If-None-Match` names this tag (or `*`), whatever encoding suffix the client's copy had. */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const bare = etag.slice(1, -1);
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    if (value === '*') return true;
    const inner = value.slice(1, -1).replace(/-(br|gzip|deflate)$/, '');
    return inner === bare;
  });
}

export type Cacheability =
  /** Shared caches may keep it this many seconds (then serve it stale as long while revalidating). */
  | { kind: 'public'; maxAge: number }
  | { kind: 'private' }
  | { kind: 'revalidate' }
  | { kind: 'no-store' }
  | { kind: 'none' };

export function cacheControlOf(cacheability: Cacheability): string | undefined {
  switch (cacheability.kind) {
    case 'public': return `public, max-age=${cacheability.maxAge}, stale-while-revalidate=${cacheability.maxAge}`;
    case 'private': return 'private, no-store';
    case 'revalidate': return 'no-cache';
    case 'no-store': return 'no-store';
    case 'none': return undefined;
  }
}

/**
 * Sends a complete body with its caching headers; a GET/HEAD whose `If-None-Match` matches gets 304.
 * Only 200 answers that may be stored get an ETag.
 */
export function sendRepresentation(
  req: IncomingMessage, res: ServerResponse, status: number, body: string, cacheability: Cacheability,
): void {
  const cacheControl = cacheControlOf(cacheability);
  if (cacheControl) res.setHeader('cache-control', cacheControl);
  res.setHeader('vary', varyWith(res.getHeader('vary'), ['Accept', 'Accept-Encoding', 'Accept-Language', 'Authorization']));
  const storable = status === 200 && (req.method === 'GET' || req.method === 'HEAD') && (cacheability.kind === 'public' || cacheability.kind === 'revalidate');
  // Encoded once: the tag, the length and the socket all take these bytes (a 270 KB map was encoded
  // to UTF-8 three times: to hash it, to count it, to write it).
  const bytes = Buffer.from(body, 'utf8');
  if (storable) {
    const etag = strongEtag(bytes);
    res.setHeader('etag', etag);
    tagged.add(res);
    if (notModified(req, etag)) {
      res.statusCode = 304;
      res.removeHeader('content-type');
      res.end();
      return;
    }
  }
  res.statusCode = status;
  res.setHeader('content-length', bytes.length);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function varyWith(current: unknown, names: string[]): string {
  const existing = typeof current === 'string' ? current.split(',').map((s) => s.trim()).filter(Boolean) : [];
  for (const name of names) if (!existing.some((e) => e.toLowerCase() === name.toLowerCase())) existing.push(name);
  return existing.join(', ');
}
