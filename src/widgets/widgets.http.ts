import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { isEmbedPath, serveEmbed } from '../embed/embed.http.js';
import { galleryPage, GALLERY_CSP } from './gallery.js';
import { refuseUnlessRead, sendStatic, sendText, staticBody, staticFile, type StaticBody } from '../server/static-files.js';

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

let manifest: { key: string; value: Manifest } | null = null;
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

const JS = 'text/javascript; charset=utf-8';
const NOT_BUILT = 'The widgets are not built: run `npm run build:widgets` (npm start does it).';

export async function serveWidgets(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const built = await currentManifest();
  const entryUrl = built ? `/widgets/v1/${built.entry}` : null;
  if (isEmbedPath(url.pathname)) return serveEmbed(req, res, url, entryUrl);
  if (refuseUnlessRead(req, res)) return;
  if (url.pathname === '/widgets' || url.pathname === '/widgets/') {
    if (!entryUrl) return sendText(res, 503, NOT_BUILT);
    res.setHeader('content-security-policy', GALLERY_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cache-control', 'no-cache');
    const html = 'text/html; charset=utf-8';
    return sendStatic(req, res, html, generated(`gallery:${built!.entry}:${origin(req)}`, html, () => galleryPage(origin(req), entryUrl)));
  }
  const name = /^\/widgets\/v1\/([\w-]+\.js)$/.exec(url.pathname)?.[1];
  if (!name) return sendText(res, 404, `No widget file ${url.pathname}. The script is /widgets/v1/maillage.js.`);
  if (!built) return sendText(res, 503, NOT_BUILT);
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
  res.setHeader('x-content-type-options', 'nosniff');
  if (name === 'maillage.js') {
    res.setHeader('cache-control', ENTRY_CACHE);
    return sendStatic(req, res, JS, generated(`entry:${built.entry}`, JS, () => `export * from './${built.entry}';\n`));
  }
  const file = await staticFile(path.join(WIDGETS_DIR, 'files', name), JS);
  if (!file) return sendText(res, 404, `No widget file ${url.pathname} in this build (entry: /widgets/v1/${built.entry}).`);
  res.setHeader('cache-control', IMMUTABLE_CACHE);
  return sendStatic(req, res, JS, file);
}

/** Small generated bodies (the gallery per origin, the moving entry), built once per build. */
const generatedBodies = new Map<string, StaticBody>();
function generated(key: string, type: string, make: () => string): StaticBody {
  let entry = generatedBodies.get(key);
  if (!entry) {
    if (generatedBodies.size > 100) generatedBodies.clear();
    entry = staticBody(Buffer.from(make(), 'utf8'), type);
    generatedBodies.set(key, entry);
  }
  return entry;
}

/** The origin partners should load from, as this request reached us (for the gallery's snippets). */
function origin(req: IncomingMessage): string {
  const host = String(req.headers.host ?? '');
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return /^[\w.-]+(:\d{1,5})?$|^\[[\d:a-f]+\](:\d{1,5})?$/i.test(host) ? `${proto}://${host}` : 'https://maillage.example';
}
