import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RequestContext } from '../graphql/context.js';
import { todayInParis } from './config.js';
import type { Logger } from './logger.js';
import { mapGeoJson } from '../map/map.http.js';
import { Authenticator } from '../auth/authenticator.js';
import { clientAddress } from '../auth/client-address.js';
import { isPlaygroundPath, servePlayground } from '../playground/playground.http.js';
import { sendUnavailable, type DatabaseAvailability } from '../database/availability.js';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP front: `/graphql` (GraphQL over HTTP, GET and POST), `/health` (the process answers) and
 * `/ready` (the database answers). Plain node:http, no framework.
 */
export function createHttpServer(apollo: ApolloServer<RequestContext>, orm: MikroORM, logger: Logger, availability?: DatabaseAvailability): Server {
  // API tokens → Viewer, with its cache of verified tokens and its limiter of failed attempts (src/auth/).
  const authenticator = new Authenticator();
  const server = createServer((req, res) => {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId, method: req.method, path: req.url?.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    route(req, res, requestId).catch((err) => {
      if (!res.headersSent && availability?.noteFailure(err)) return sendUnavailable(res);
      logger.error({ requestId, err }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'Internal server error', requestId });
      else res.destroy();
    });
  });
  server.on('close', () => authenticator.close());
  return server;

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      if (availability && !availability.available) return send(res, 503, { status: 'unavailable', reason: 'database unreachable' });
      const check = await orm.checkConnection();
      return check.ok ? send(res, 200, { status: 'ready' }) : send(res, 503, { status: 'unavailable', reason: 'database unreachable' });
    }
    // While PostgreSQL is unreachable, database routes answer 503 at once (src/database/availability.ts).
    if (availability && !availability.available && (url.pathname === '/graphql' || url.pathname === '/map.geojson')) return sendUnavailable(res);
    if (url.pathname === '/graphql') return graphql(req, res, url, requestId);
    if (url.pathname === '/map.geojson') return mapGeoJson(res, url, orm.em.fork(), todayInParis());
    if (isPlaygroundPath(url.pathname)) return servePlayground(req, res, url);
    return send(res, 404, { error: `No route ${url.pathname}. The API is at /graphql.` });
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    const em = orm.em.fork();
    const auth = await authenticator.authenticate(em, req.headers.authorization, clientAddress(req));
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
      const raw = await readBody(req);
      if (raw === null) return send(res, 413, { errors: [{ message: `Request body larger than ${MAX_BODY_BYTES} bytes` }] });
      if (raw.length > 0 && (headers.get('content-type') ?? '').includes('json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          return send(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else body = raw;
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => new RequestContext(em, requestId, todayInParis(), auth.viewer),
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

function send(res: ServerResponse, status: number, payload: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.-]{1,128}$/.test(first) ? first : undefined;
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
