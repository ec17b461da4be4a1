import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { refuseUnlessRead, sendStatic, sendText, staticFile } from '../server/static-files.js';

/**
 * The playground's static files: GraphiQL at /playground, the label tree at /playground/hierarchy and
 * their bundles at /playground/assets/*, all built by `npm run build:playground` (src/playground/web/build.mjs)
 * into dist/playground. Nothing comes from a CDN; the pages work on a machine with no internet.
 */
export const PLAYGROUND_DIR = path.join(PROJECT_ROOT, 'dist', 'playground');

/**
 * What the pages need and nothing more:
 * - scripts and workers only from this origin (the bundles and Monaco's three workers), no eval;
 * - styles from this origin plus 'unsafe-inline': Monaco and GraphiQL's UI (Radix, framer-motion)
 *   insert <style> elements and style attributes at run time; styles cannot run code;
 * - fonts and images from this origin or data: URLs (GraphiQL's stylesheet inlines its fonts and icons);
 * - requests only to this origin (/graphql); no frames, no plugins, no form posts elsewhere.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': PLAYGROUND_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const PAGES: Record<string, string> = {
  '/playground': 'index.html',
  '/playground/': 'index.html',
  '/playground/hierarchy': 'hierarchy.html',
};

export function isPlaygroundPath(pathname: string): boolean {
  return pathname === '/playground' || pathname.startsWith('/playground/');
}

export async function servePlayground(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (refuseUnlessRead(req, res)) return;
  let file = PAGES[url.pathname];
  if (!file) {
    const asset = /^\/playground\/assets\/([\w-][\w.-]*)$/.exec(url.pathname)?.[1];
    if (!asset || asset.includes('..')) return sendText(res, 404, `No playground file ${url.pathname}`);
    file = `assets/${asset}`;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const entry = await staticFile(path.join(PLAYGROUND_DIR, file), type);
  if (!entry) {
    if (file === 'index.html' || file === 'hierarchy.html') {
      return sendText(res, 503, 'The playground is not built: run `npm run build:playground` (npm start does it).');
    }
    return sendText(res, 404, `No playground file ${url.pathname}`);
  }
  res.setHeader('cache-control', 'no-cache');
  sendStatic(req, res, type, entry);
}
