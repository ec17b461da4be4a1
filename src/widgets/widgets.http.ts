import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { isEmbedPath, serveEmbed } from '../embed/embed.http.js';
import { galleryPage, GALLERY_CSP } from './gallery.js';
import { notModified } from '../edge/http-cache.js';

/**
 * The partner widgets, built by `npm run build:widgets` (src/widgets/build.mjs) into dist/widgets:
 * - /widgets/v1/maillage.js: the moving entry of major version 1, a one-line module re-exporting the
 *   current build; cached 5 minutes, so a new build reaches partner pages quickly;
 * - /widgets/v1/<name>-<hash>.js: the built files, named by content hash, cached a year as immutable;
 * - /widgets: the gallery; /embed/*: the embed pages (src/embed).
 * Scripts are fetched cross-origin as modules, so they carry Access-Control-Allow-Origin: * and
 * Cross-Origin-Resource-Policy: cross-origin.
 */
export const WIDGETS_DIR = path.join(PROJECT_ROOT, 'dist', 'widgets');
export const ENTRY_CACHE = 'public, max-age=300';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

interface Manifest { entry: string }
interface Cached { body: Buffer; gzip: Buffer; etag: string }

let manifest: { key: string; value: Manifest } | null = null;
const files = new Map<string, Cached>();

/** The current build's manifest, read again when the file changes (a rebuild while running). */
async function currentManifest(): Promise<Manifest | null> {
  const file = path.join(WIDGETS_DIR, 'manifest.json');
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  const key = `${info.size}-${info.mtimeMs}`;
  if (manifest?.key !== key) manifest = { key, value: JSON.parse(await readFile(file, 'utf8')) as Manifest };
  return manifest.value;
}

export function isWidgetPath(pathname: string): boolean {
  return pathname === '/widgets' || pathname.startsWith('/widgets/') || isEmbedPath(pathname);
}

export async function serveWidgets(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const built = await currentManifest();
  const entryUrl = built ? `/widgets/v1/${built.entry}` : null;
  if (isEmbedPath(url.pathname)) return serveEmbed(req, res, url, entryUrl);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return text(res, 405, 'Method not allowed');
  }
  if (url.pathname === '/widgets' || url.pathname === '/widgets/') {
    if (!entryUrl) return text(res, 503, 'The widgets are not built: run `npm run build:widgets` (npm start does it).');
    res.setHeader('content-security-policy', GALLERY_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cache-control', 'no-cache');
    return send(req, res, 'text/html; charset=utf-8', cachedBody(`gallery:${built!.entry}:${origin(req)}`, () => galleryPage(origin(req), entryUrl)));
  }
  const name = /^\/widgets\/v1\/([\w-]+\.js)$/.exec(url.pathname)?.[1];
  if (!name) return text(res, 404, `No widget file ${url.pathname}. The script is /widgets/v1/maillage.js.`);
  if (!built) return text(res, 503, 'The widgets are not built: run `npm run build:widgets` (npm start does it).');
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
  res.setHeader('x-content-type-options', 'nosniff');
  if (name === 'maillage.js') {
    res.setHeader('cache-control', ENTRY_CACHE);
    return send(req, res, 'text/javascript; charset=utf-8', cachedBody(`entry:${built.entry}`, () => `export * from './${built.entry}';\n`));
  }
  const full = path.join(WIDGETS_DIR, 'files', name);
  let entry = files.get(full);
  if (!entry) {
    const body = await readFile(full).catch(() => null);
    if (!body) return text(res, 404, `No widget file ${url.pathname} in this build (entry: /widgets/v1/${built.entry}).`);
    entry = compress(body);
    files.set(full, entry);
  }
  res.setHeader('cache-control', IMMUTABLE_CACHE);
  return send(req, res, 'text/javascript; charset=utf-8', entry);
}

const generated = new Map<string, Cached>();
function cachedBody(key: string, make: () => string): Cached {
  let entry = generated.get(key);
  if (!entry) {
    if (generated.size > 100) generated.clear();
    entry = compress(Buffer.from(make(), 'utf8'));
    generated.set(key, entry);
  }
  return entry;
}

function compress(body: Buffer): Cached {
  return { body, gzip: gzipSync(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** The origin partners should load from, as this request reached us (for the gallery's snippets). */
function origin(req: IncomingMessage): string {
  const host = String(req.headers.host ?? '');
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return /^[\w.-]+(:\d{1,5})?$|^\[[\d:a-f]+\](:\d{1,5})?$/i.test(host) ? `${proto}://${host}` : 'https://maillage.example';
}

/** Sends a file gzipped once in memory (the edge's compression skips a response already encoded). */
function send(req: IncomingMessage, res: ServerResponse, type: string, entry: Cached) {
  const gzip = entry.body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.setHeader('content-type', type);
  // one tag per representation, as the edge does: "<hash>" plain, "<hash>-gzip" gzipped
  res.setHeader('etag', gzip ? `${entry.etag.slice(0, -1)}-gzip"` : entry.etag);
  res.setHeader('vary', 'accept-encoding');
  if (notModified(req, entry.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = gzip ? entry.gzip : entry.body;
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.setHeader('content-length', body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : body);
}

function text(res: ServerResponse, status: number, message: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(message);
}
