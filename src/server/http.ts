import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RequestContext } from '../graphql/context.js';
import { todayInParis } from './config.js';
import type { Logger } from './logger.js';
import type { Viewer } from '../auth/viewer.js';
import { mapGeoJson } from '../map/map.http.js';
import { Authenticator } from '../auth/authenticator.js';
import { clientAddress } from '../auth/client-address.js';
import { isPlaygroundPath, servePlayground } from '../playground/playground.http.js';
import { isWidgetPath, serveWidgets } from '../widgets/widgets.http.js';
import { readEdgeConfig, readResponseCacheConfig, type EdgeConfig } from '../edge/config.js';
import { cors, EXPOSED_HEADERS } from '../edge/cors.js';
import { FIXED_WEIGHTS } from '../edge/cost.js';
import { bindSignal, requestSignal } from '../edge/deadline.js';
import { cacheControlOf, compress, sendRepresentation, tagEncodedRepresentations, type Cacheability } from '../edge/http-cache.js';
import { resolveTrustedDocument } from '../edge/graphql-request.js';
import { isBareGraphqlGet, serveLanding, wantsHtml } from '../edge/landing.js';
import { attachEdge, type RequestEdge } from '../edge/limits.js';
import { CostRateLimiter, rateLimitHeaders, type Client } from '../edge/rate-limit.js';
import { API_CSP, setSecurityHeaders } from '../edge/security-headers.js';
import { trustedDocuments } from '../edge/trusted-documents.js';
import { answerOf, attachResponseCache, writeAnswer, ResponseCache, sendAnswer, type CachedAnswer, type CacheRequest } from '../edge/response-cache.js';
import { sendUnavailable, type DatabaseAvailability } from '../database/availability.js';
import { requestLanguage } from '../graphql/language.js';
import { NODE_TYPES } from '../domains.js';

/**
 * The HTTP front: `/graphql` (GraphQL over HTTP, GET and POST), `/map.geojson`, `/playground`,
 * `/health` (the process answers) and `/ready` (the database answers). Plain node:http, no framework;
 * the public edge (CORS, trusted documents, caching, compression, limits, deadlines) lives in src/edge/.
 */
export function createHttpServer(apollo: ApolloServer<RequestContext>, orm: MikroORM, logger: Logger, edge: EdgeConfig = readEdgeConfig(), availability?: DatabaseAvailability): Server {
  // API tokens → Viewer, with its cache of verified tokens and its limiter of failed attempts (src/auth/).
  const authenticator = new Authenticator();
  const trusted = trustedDocuments();
  const limiter = edge.rateLimit ? new CostRateLimiter(edge) : undefined;
  // Public answers kept as bytes (src/edge/response-cache.ts); shared through Redis with REDIS_URL.
  const cacheConfig = readResponseCacheConfig(edge.redisUrl);
  const responseCache = cacheConfig.maxBytes > 0 ? new ResponseCache(cacheConfig) : undefined;
  // One line per request at level info; below it, no listener at all (a cached hit or a 304 costs
  // little more than the listener and its log record did).
  const logRequests = logger.isLevelEnabled('info');
  const server = createServer((req, res) => {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    if (logRequests) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info({ requestId, method: req.method, path: req.url?.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      });
    }
    // A public GET whose answer is stored for this exact URL: sent at once, its headers written in one
    // go (no parsing, no compression stream; the headers are the ordinary path's).
    if (responseCache && (req.method === 'GET' || req.method === 'HEAD') && req.headers.authorization === undefined && req.url?.startsWith('/graphql?')) {
      const hit = responseCache.peekUrl(req.url, cacheVariant(req), todayInParis());
      if (hit) {
        void (async () => {
          if (limiter) {
            const rate = await limiter.spend({ kind: 'address', key: clientAddress(req, edge.trustProxy) }, hit.points);
            for (const [name, value] of Object.entries(rateLimitHeaders(rate))) res.setHeader(name, value);
            if (!rate.allowed) {
              res.setHeader('x-request-id', requestId);
              setSecurityHeaders(res);
              cors(req, res, ['GET', 'POST']);
              return send(res, 429, { errors: [{ message: `Rate limit: retry in ${rate.reset} s.`, extensions: { code: 'RATE_LIMITED' } }] }, 'no-store');
            }
          }
          await writeAnswer(req, res, hit, ['x-request-id', requestId, ...FAST_HEADERS]);
        })().catch(() => res.destroy());
        return;
      }
    }
    res.setHeader('x-request-id', requestId);
    setSecurityHeaders(res);
    tagEncodedRepresentations(res);
    compress(req as never, res as never, () => route(req, res, requestId).catch((err) => {
      if (!res.headersSent && availability?.noteFailure(err)) return sendUnavailable(res);
      logger.error({ requestId, err }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'Internal server error', requestId });
      else res.destroy();
    }));
  });
  server.on('close', () => {
    authenticator.close();
    void limiter?.close();
    void responseCache?.close();
  });
  return Object.assign(server, { responseCache });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      if (availability && !availability.available) return send(res, 503, { status: 'unavailable', reason: 'database unreachable' });
      const check = await orm.checkConnection();
      return check.ok ? send(res, 200, { status: 'ready' }) : send(res, 503, { status: 'unavailable', reason: 'database unreachable' });
    }
    if (url.pathname === '/graphql') {
      if (cors(req, res, ['GET', 'POST'])) return;
      // While PostgreSQL is unreachable, database routes answer 503 at once (src/database/availability.ts).
      if (availability && !availability.available) return sendUnavailable(res);
      if (isBareGraphqlGet(req, url) && wantsHtml(req)) return serveLanding(req, res);
      return graphql(req, res, url, requestId);
    }
    if (url.pathname === '/map.geojson') {
      if (cors(req, res, ['GET', 'HEAD'])) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD, OPTIONS');
        return send(res, 405, { error: 'GET /map.geojson only (HEAD too).', code: 'METHOD_NOT_ALLOWED' });
      }
      if (availability && !availability.available) return sendUnavailable(res);
      if (!(await spendPoints(res, { kind: 'address', key: clientAddress(req, edge.trustProxy) }, FIXED_WEIGHTS['Query.nationalMap']!))) return;
      const em = orm.em.fork();
      const scope = requestSignal(res, edge.requestTimeoutMs);
      bindSignal(em, scope.signal);
      try {
        return await mapGeoJson(req, res, url, em, todayInParis());
      } finally {
        scope.done();
      }
    }
    if (isPlaygroundPath(url.pathname)) return servePlayground(req, res, url);
    if (isWidgetPath(url.pathname)) return serveWidgets(req, res, url); // partner widgets, gallery, embed pages (src/widgets, src/embed)
    if (url.pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) return serveLanding(req, res);
    return send(res, 404, { error: `No route ${url.pathname}. The API is at /graphql, its playground at /playground.` });
  }

  /** Spends points outside GraphQL (/map.geojson); answers 429 itself and returns false when spent. */
  async function spendPoints(res: ServerResponse, client: Client, points: number): Promise<boolean> {
    if (!limiter) return true;
    const state = await limiter.spend(client, points);
    for (const [name, value] of Object.entries(rateLimitHeaders(state))) res.setHeader(name, value);
    if (state.allowed) return true;
    send(res, 429, { error: `Rate limit: retry in ${state.reset} s.`, code: 'RATE_LIMITED' }, 'no-store');
    return false;
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    const em = orm.em.fork();
    const address = clientAddress(req, edge.trustProxy);
    // Whatever the outcome, an answer to a request with a token is for that token's holder only.
    if (req.headers.authorization !== undefined) res.setHeader('cache-control', 'private, no-store');
    const auth = await authenticator.authenticate(em, req.headers.authorization, address);
    if (!auth.ok) {
      if (auth.status === 429) res.setHeader('retry-after', String(auth.retryAfter));
      else res.setHeader('www-authenticate', 'Bearer realm="maillage", error="invalid_token"');
      return send(res, auth.status, { errors: [{ message: auth.message, extensions: { code: auth.status === 429 ? 'RATE_LIMITED' : 'UNAUTHENTICATED' } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req, edge.maxBodyBytes);
      if (raw === null) return send(res, 413, { errors: [{ message: `Request body larger than ${edge.maxBodyBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, 'no-store');
      if (raw.length > 0 && (headers.get('content-type') ?? '').includes('json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          return send(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }, 'no-store');
        }
      } else body = raw;
    }
    const method = req.method ?? 'GET';
    const resolved = resolveTrustedDocument(trusted, method, url.search, body);
    if ('status' in resolved) return send(res, resolved.status, { errors: [{ message: resolved.message, extensions: { code: resolved.code } }] }, 'no-store');

    const client: Client = auth.viewer ? { kind: 'token', key: auth.viewer.tokenId } : { kind: 'address', key: address };

    // Public queries: a stored answer is sent as is; identical misses share one computation.
    const cacheRequest = responseCache && req.headers.authorization === undefined && (method !== 'POST' || responseCache.config.posts) ? cacheRequestOf(method, resolved, req) : undefined;
    const cacheKey = cacheRequest ? await responseCache!.keyOf(cacheRequest) : undefined;
    if (responseCache && cacheRequest && cacheKey) {
      const { key, version } = cacheKey;
      const remember = (answer: CachedAnswer | undefined) => {
        if (answer && cacheRequest.method === 'GET') responseCache.rememberUrl(req.url!, cacheRequest.accept, cacheRequest.today, version, answer);
      };
      const hit = await responseCache.get(key);
      remember(hit);
      if (hit) return sendCached(req, res, client, hit);
      const { answer, leader } = await responseCache.singleFlight(key, () => compute(req, res, method, headers, resolved, em, requestId, auth.viewer, client, true));
      remember(answer);
      if (leader) return; // computed and sent (stored when it may be)
      if (answer) return sendCached(req, res, client, answer);
    }
    await compute(req, res, method, headers, resolved, em, requestId, auth.viewer, client, false);
  }

  async function sendCached(req: IncomingMessage, res: ServerResponse, client: Client, answer: CachedAnswer) {
    if (limiter) {
      const rate = await limiter.spend(client, answer.points);
      for (const [name, value] of Object.entries(rateLimitHeaders(rate))) res.setHeader(name, value);
      if (!rate.allowed) return send(res, 429, { errors: [{ message: `Rate limit: retry in ${rate.reset} s.`, extensions: { code: 'RATE_LIMITED' } }] }, 'no-store');
    }
    return sendAnswer(req, res, answer);
  }

  /**
   * Runs the operation through Apollo and sends its answer. With `forCache`, a public answer is
   * returned as a cache entry instead (and sent from it, so a stored answer is what was sent).
   */
  async function compute(
    req: IncomingMessage, res: ServerResponse, method: string, headers: HeaderMap, resolved: { search: string; body: unknown },
    em: ReturnType<MikroORM['em']['fork']>, requestId: string, viewer: Viewer | null, client: Client, forCache: boolean,
  ): Promise<CachedAnswer | undefined> {
    const requestEdge: RequestEdge = { client, limiter };
    const scope = requestSignal(res, edge.requestTimeoutMs);
    bindSignal(em, scope.signal);
    attachEdge(em, requestEdge);
    if (responseCache) attachResponseCache(em, responseCache);
    try {
      const execution = apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: resolved.search, body: resolved.body },
        context: async () => new RequestContext(em, requestId, todayInParis(), viewer, requestLanguage(req), NODE_TYPES),
      });
      const outcome = await Promise.race([execution, scope.deadline]);
      if (res.destroyed) return undefined; // the client left: nothing to send (its SQL was cancelled)
      if (limiter && !requestEdge.rate) requestEdge.rate = await limiter.spend(client, 1);
      if (requestEdge.rate) for (const [name, value] of Object.entries(rateLimitHeaders(requestEdge.rate))) if (name !== 'retry-after') res.setHeader(name, value);
      if (!('body' in outcome)) {
        // The deadline passed first: answer now; the execution winds down on its own (its reads fail at once).
        res.setHeader('retry-after', '5');
        send(res, 503, { errors: [{ message: outcome.message, extensions: { code: 'REQUEST_TIMEOUT' } }] }, 'no-store');
        return undefined;
      }
      const status = outcome.status ?? 200;
      // The language text fields default to (a `lang` argument may ask for another per field).
      outcome.headers.set('content-language', requestLanguage(req));
      for (const [key, value] of outcome.headers) if (key !== 'cache-control') res.setHeader(key, value);
      if (outcome.body.kind === 'complete') {
        const cacheability = graphqlCacheability(method, status, outcome.headers.get('cache-control'), outcome.body.string, req.headers.authorization !== undefined);
        if (forCache && cacheability.kind === 'public' && (method === 'GET' || method === 'POST')) {
          const stored = [...outcome.headers].filter(([key]) => key !== 'cache-control');
          const answer = answerOf(method, outcome.body.string, stored, cacheControlOf(cacheability)!, cacheability.maxAge, requestEdge.cost ?? 1);
          await sendAnswer(req, res, answer);
          return answer;
        }
        sendRepresentation(req, res, status, outcome.body.string, cacheability);
        return;
      }
      res.statusCode = status;
      for await (const chunk of outcome.body.asyncIterator) res.write(chunk);
      res.end();
      return undefined;
    } finally {
      scope.done();
    }
  }
}

/** The security and CORS headers of every /graphql answer, as setSecurityHeaders and cors() set them. */
const FAST_HEADERS = [
  'x-content-type-options', 'nosniff', 'referrer-policy', 'no-referrer', 'content-security-policy', API_CSP,
  'access-control-allow-origin', '*', 'access-control-expose-headers', EXPOSED_HEADERS.join(', '),
];

/**
 * The headers an answer depends on besides the document: Accept and the language resolved from
 * Accept-Language (resolved, not raw, so that `fr-FR` and `fr` share an entry but never an English one).
 */
function cacheVariant(req: IncomingMessage): string {
  return `${String(req.headers.accept ?? '')}\n${requestLanguage(req)}`;
}

/** What identifies a public query for the response cache: text, variables, name, method, Accept, language, day. */
function cacheRequestOf(method: string, resolved: { search: string; body: unknown }, req: IncomingMessage): CacheRequest | undefined {
  const accept = cacheVariant(req);
  if (method === 'GET' || method === 'HEAD') {
    const params = new URLSearchParams(resolved.search);
    const query = params.get('query');
    if (!query || params.has('extensions')) return undefined;
    let variables: unknown = null;
    const raw = params.get('variables');
    if (raw) {
      try { variables = JSON.parse(raw); } catch { return undefined; }
    }
    return { method: 'GET', query, variables, operationName: params.get('operationName') ?? undefined, accept, today: todayInParis() };
  }
  const body = resolved.body as Record<string, unknown> | undefined;
  if (method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return undefined;
  if (body.extensions !== undefined) return undefined;
  return { method: 'POST', query: body.query, variables: body.variables ?? null, operationName: typeof body.operationName === 'string' ? body.operationName : undefined, accept, today: todayInParis() };
}

/**
 * How an answer of /graphql may be cached: public with the document's hint; `private, no-store` when
 * the request carried a token; never stored with errors; a GET without a hint is revalidated.
 */
function graphqlCacheability(method: string, status: number, hint: string | undefined, body: string, withToken: boolean): Cacheability {
  if (withToken) return { kind: 'private' };
  if (status !== 200 || body.startsWith('{"errors"')) return { kind: 'no-store' };
  const maxAge = hint ? /max-age=(\d+)/.exec(hint)?.[1] : undefined;
  if (maxAge) return { kind: 'public', maxAge: Number(maxAge) };
  return method === 'GET' ? { kind: 'revalidate' } : { kind: 'none' };
}

function send(res: ServerResponse, status: number, payload: unknown, cacheControl?: string) {
  res.statusCode = status;
  if (cacheControl) res.setHeader('cache-control', cacheControl);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.-]{1,128}$/.test(first) ? first : undefined;
}

/** The body, or null once it passes `limit` bytes (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
