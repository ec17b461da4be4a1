import { createHash } from 'node:crypto';
import cluster from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, parse, type DocumentNode } from 'graphql';
import { Redis } from 'ioredis';
import { notModified, strongEtag } from './http-cache.js';

/**
 * The response cache: public answers of /graphql kept as the bytes sent, served without running GraphQL.
 *
 * - What is kept: a 200 answer without errors to a request without a token whose document carries a
 *   public cache hint (`Cache-Control: public, max-age=N`, src/federation/cache-policy.ts), as its exact
 *   body, its headers and its strong ETag; the gzip and brotli forms are made once, on first demand.
 *   An answer without a hint (introspection, `_service`), with errors, or to a request with a token is
 *   neither served from nor stored in the cache. Entries live at most the hint's max-age.
 * - Key: SHA-256 of the operation text (trusted documents are resolved to their text first), its
 *   variables, its operation name, GET or POST, the Accept header, today's date in Paris (fields default
 *   to today) and the data version.
 * - Invalidation: every write bumps the data version (a mutation, once it has run — the plugin below;
 *   a seed load through `bumpSharedDataVersion`), so no later request can find an older answer.
 * - Where: in process (an LRU bounded in bytes, MAILLAGE_RESPONSE_CACHE_MB); with REDIS_URL, the data
 *   version and the entries live in Redis, shared by every API process: each request reads the version
 *   (one small round trip), so a write through any process is seen by the next read of every other; a
 *   process keeps the entries it served in its own LRU too (keys include the version). Without Redis,
 *   cluster workers relay their bumps through the primary (node:cluster IPC).
 * - Single flight: identical misses arriving together wait for the first one's computation.
 */

export interface ResponseCacheConfig {
  /** Bytes of bodies (and their compressed forms) kept in this process; 0 turns the cache off. */
  maxBytes: number;
  /** Answers to POST too (GET answers always). */
  posts: boolean;
  redisUrl?: string;
}

/** A stored answer: what was sent for the computed answer, byte for byte. */
export interface CachedAnswer {
  body: Buffer;
  /** Headers of the answer other than caching and encoding (content-type…). */
  headers: [string, string][];
  cacheControl: string;
  /** Strong tag of the uncompressed body; only answers to GET carry one (as computed answers do). */
  etag?: string;
  /** Rate-limit points the computation cost (a hit spends as much: the cache does not change limits). */
  points: number;
  storedAt: number;
  expiresAt: number;
  gzip?: Promise<Buffer>;
  br?: Promise<Buffer>;
}

const VERSION_KEY = 'maillage:data-version';
const ENTRY_PREFIX = 'maillage:response:';
const IPC_BUMP = 'maillage:data-version-bump';
const MIN_COMPRESSED = 1024; // as the compression middleware's threshold

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface CacheRequest {
  method: 'GET' | 'POST';
  query: string;
  variables: unknown;
  operationName: string | undefined;
  accept: string;
  today: string;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>(); // insertion order = LRU order
  private bytes = 0;
  private localVersion = 0;
  private readonly flights = new Map<string, Promise<CachedAnswer | undefined>>();
  private readonly redis: Redis | undefined;
  private readonly queryOnly = new Map<string, boolean>();
  /** GET answers by their exact URL (and Accept, day, version): a hit costs one map lookup. */
  private readonly byUrl = new Map<string, CachedAnswer>();
  private readonly onIpc = (message: unknown) => {
    if (message === IPC_BUMP) {
      this.localVersion++;
      this.byUrl.clear();
    }
  };
  /** Counters, for tests and the bench. */
  readonly stats = { hits: 0, misses: 0, stores: 0, executions: 0 };

  constructor(readonly config: ResponseCacheConfig) {
    if (config.redisUrl) {
      // Commands wait for the connection at start, but never more than a second: then the cache is bypassed.
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 1000 });
      this.redis.on('error', () => undefined);
    }
    if (cluster.isWorker) process.on('message', this.onIpc);
  }

  /** The key of a request, or undefined when it may not use the cache (not a query, unparsable). */
  async keyOf(request: CacheRequest): Promise<{ key: string; version: string } | undefined> {
    if (!this.isQuery(request.query, request.operationName)) return undefined;
    const version = await this.version();
    if (version === undefined) return undefined;
    const key = createHash('sha256')
      .update(JSON.stringify([version, request.method, request.today, request.accept, request.operationName ?? null, canonical(request.variables), request.query]))
      .digest('base64url');
    return { key, version };
  }

  /**
   * The fast path of a public GET: the answer stored for this exact URL, without parsing anything.
   * In process only (with Redis the version needs a round trip: the ordinary path serves those).
   */
  peekUrl(url: string, accept: string, today: string): CachedAnswer | undefined {
    if (this.redis) return undefined;
    const key = `${this.localVersion}\n${today}\n${accept}\n${url}`;
    const answer = this.byUrl.get(key);
    if (!answer) return undefined;
    if (answer.expiresAt <= Date.now()) {
      this.byUrl.delete(key);
      return undefined;
    }
    this.stats.hits++;
    return answer;
  }

  /** Remembers a GET answer under its exact URL too (it is already stored under its key). */
  rememberUrl(url: string, accept: string, today: string, version: string, answer: CachedAnswer): void {
    if (this.redis || version !== String(this.localVersion)) return;
    if (this.byUrl.size >= 10_000) this.byUrl.clear();
    this.byUrl.set(`${version}\n${today}\n${accept}\n${url}`, answer);
  }

  /** The data version: Redis's when shared (undefined while Redis does not answer: no caching then). */
  async version(): Promise<string | undefined> {
    if (!this.redis) return String(this.localVersion);
    try {
      return (await this.redis.get(VERSION_KEY)) ?? '0';
    } catch {
      return undefined;
    }
  }

  /** A write happened: every key made before now is unreachable, in every process. */
  async bump(): Promise<void> {
    this.localVersion++;
    this.entries.clear();
    this.byUrl.clear();
    this.bytes = 0;
    if (this.redis) await this.redis.incr(VERSION_KEY).catch(() => undefined);
    else if (cluster.isWorker && process.send) process.send(IPC_BUMP);
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const local = this.entries.get(key);
    if (local) {
      if (local.expiresAt > Date.now()) {
        this.entries.delete(key); // refresh its place in the LRU
        this.entries.set(key, local);
        this.stats.hits++;
        return local;
      }
      this.remove(key);
    }
    if (this.redis) {
      const stored = await this.redis.getBuffer(ENTRY_PREFIX + key).catch(() => null);
      const answer = stored ? decode(stored) : undefined;
      if (answer && answer.expiresAt > Date.now()) {
        this.keep(key, answer);
        this.stats.hits++;
        return answer;
      }
    }
    this.stats.misses++;
    return undefined;
  }

  /**
   * Runs `compute` once for all concurrent misses of `key`: the first caller computes (and stores what
   * it returns), the others get its answer. Undefined when the answer may not be cached; a caller that
   * gets undefined computes its own answer.
   */
  async singleFlight(key: string, compute: () => Promise<CachedAnswer | undefined>): Promise<{ answer: CachedAnswer | undefined; leader: boolean }> {
    const running = this.flights.get(key);
    if (running) return { answer: await running, leader: false };
    this.stats.executions++;
    const flight = compute().then((answer) => {
      if (answer) this.store(key, answer);
      return answer;
    }).finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return { answer: await flight, leader: true };
  }

  private store(key: string, answer: CachedAnswer): void {
    this.stats.stores++;
    this.keep(key, answer);
    if (this.redis) {
      const ttl = Math.max(1, answer.expiresAt - Date.now());
      void this.redis.set(ENTRY_PREFIX + key, encode(answer), 'PX', ttl).catch(() => undefined);
    }
  }

  private keep(key: string, answer: CachedAnswer): void {
    const size = answer.body.length * 2; // room for its compressed forms
    if (size > this.config.maxBytes) return;
    this.remove(key);
    this.entries.set(key, answer);
    this.bytes += size;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.config.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length * 2;
  }

  /** Only queries are cached: the selected operation of the document, parsed once per text. */
  private isQuery(text: string, operationName: string | undefined): boolean {
    const memo = `${operationName ?? ''}\n${text}`;
    let known = this.queryOnly.get(memo);
    if (known === undefined) {
      let document: DocumentNode | undefined;
      try {
        document = parse(text, { noLocation: true, maxTokens: 5_000 });
      } catch {
        document = undefined;
      }
      const operations = document?.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION) ?? [];
      const selected = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
      known = selected?.operation === 'query';
      if (this.queryOnly.size >= 1000) this.queryOnly.clear();
      this.queryOnly.set(memo, known);
    }
    return known;
  }

  async close(): Promise<void> {
    if (cluster.isWorker) process.off('message', this.onIpc);
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

/** Builds the stored form of a computed public answer. */
export function answerOf(method: string, body: string, headers: [string, string][], cacheControl: string, maxAge: number, points: number): CachedAnswer {
  const bytes = Buffer.from(body, 'utf8');
  return {
    body: bytes, headers, cacheControl, points, storedAt: Date.now(), expiresAt: Date.now() + maxAge * 1000,
    etag: method === 'GET' ? strongEtag(bytes) : undefined,
  };
}

/**
 * Sends a stored answer: 304 when `If-None-Match` names its tag, else its body in the encoding the
 * client accepts (brotli, then gzip, from the stored forms). Content-Encoding is set here, so the
 * compression middleware lets the bytes through.
 */
export async function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer): Promise<void> {
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.setHeader('cache-control', answer.cacheControl);
  res.setHeader('age', ageOf(answer));
  res.setHeader('vary', withVary(res.getHeader('vary'), ['Accept', 'Accept-Encoding', 'Accept-Language', 'Authorization']));
  if (answer.etag && notModified(req, answer.etag)) {
    res.setHeader('etag', answer.etag);
    res.statusCode = 304;
    res.removeHeader('content-type');
    res.end();
    return;
  }
  const { body, encoding } = await encoded(req, answer);
  if (answer.etag) res.setHeader('etag', encoding ? `${answer.etag.slice(0, -1)}-${encoding}"` : answer.etag);
  if (encoding) res.setHeader('content-encoding', encoding);
  res.statusCode = 200;
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** As a shared cache says how old its copy is (RFC 9111 §5.1); 0 on the answer that was just computed. */
const ageOf = (answer: CachedAnswer) => String(Math.floor((Date.now() - answer.storedAt) / 1000));

/** The body in the encoding the client accepts (brotli, then gzip), each form made once per entry. */
async function encoded(req: IncomingMessage, answer: CachedAnswer): Promise<{ body: Buffer; encoding?: 'br' | 'gzip' }> {
  if (answer.body.length < MIN_COMPRESSED || req.method === 'HEAD') return { body: answer.body };
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return { body: await (answer.br ??= brotliAsync(answer.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } })), encoding: 'br' };
  if (/\bgzip\b/.test(accepted)) return { body: await (answer.gzip ??= gzipAsync(answer.body)), encoding: 'gzip' };
  return { body: answer.body };
}

/**
 * The fast path's sendAnswer: the same headers, with `head` (flat name/value pairs: request id,
 * security and CORS headers), written in one writeHead on a response nothing was set on before.
 */
export async function writeAnswer(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer, head: string[]): Promise<void> {
  head.push('cache-control', answer.cacheControl, 'age', ageOf(answer), 'vary', 'Accept, Accept-Encoding, Accept-Language, Authorization');
  if (answer.etag && notModified(req, answer.etag)) {
    head.push('etag', answer.etag);
    res.writeHead(304, head).end();
    return;
  }
  const { body, encoding } = await encoded(req, answer);
  for (const [name, value] of answer.headers) head.push(name, value);
  if (answer.etag) head.push('etag', encoding ? `${answer.etag.slice(0, -1)}-${encoding}"` : answer.etag);
  if (encoding) head.push('content-encoding', encoding);
  head.push('content-length', String(body.length));
  res.writeHead(200, head).end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Bumps the data version from a process that wrote to the database outside the API (the seed loader):
 * with REDIS_URL every API process sees it at once; without, in-process caches keep their answers at
 * most their max-age (README, "Speed").
 */
export async function bumpSharedDataVersion(redisUrl: string | undefined): Promise<void> {
  if (!redisUrl) return;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.incr(VERSION_KEY);
  } catch {
    // Redis away: nothing shared to invalidate right now.
  } finally {
    redis.disconnect();
  }
}

/** Cache instances by the request's EntityManager, for the plugin (Apollo hands plugins the context). */
const caches = new WeakMap<object, ResponseCache>();
export const attachResponseCache = (em: object, cache: ResponseCache) => caches.set(em, cache);

/** Every mutation bumps the data version once it has run, before its answer leaves. */
export function writesBumpDataVersion<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let mutation = false;
      return {
        async didResolveOperation({ operation }) {
          mutation = operation?.operation === 'mutation';
        },
        async willSendResponse({ contextValue }) {
          if (!mutation) return;
          const em = (contextValue as { em?: object }).em;
          const cache = em ? caches.get(em) : undefined;
          await cache?.bump();
        },
      };
    },
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value ?? null;
}

function withVary(current: unknown, names: string[]): string {
  const existing = typeof current === 'string' ? current.split(',').map((s) => s.trim()).filter(Boolean) : [];
  for (const name of names) if (!existing.some((e) => e.toLowerCase() === name.toLowerCase())) existing.push(name);
  return existing.join(', ');
}

function encode(answer: CachedAnswer): Buffer {
  const head = Buffer.from(JSON.stringify({ h: answer.headers, c: answer.cacheControl, e: answer.etag, p: answer.points, s: answer.storedAt, x: answer.expiresAt }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  return Buffer.concat([length, head, answer.body]);
}

function decode(stored: Buffer): CachedAnswer | undefined {
  try {
    const size = stored.readUInt32BE(0);
    const head = JSON.parse(stored.subarray(4, 4 + size).toString('utf8')) as { h: [string, string][]; c: string; e?: string; p: number; s: number; x: number };
    return { headers: head.h, cacheControl: head.c, etag: head.e, points: head.p, storedAt: head.s, expiresAt: head.x, body: stored.subarray(4 + size) };
  } catch {
    return undefined;
  }
}
