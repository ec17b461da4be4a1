import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, htmlPage, pageCsp } from './page.js';

/**
 * Embed pages, for sites that cannot run scripts: one widget alone on a page, its attributes from the
 * query string, frameable from any origin (`frame-ancestors *`, unlike the playground):
 *   /embed/map?region=32&as-of=2019-06-01&lang=fr      /embed/ecosystem/<slug>?as-of=…&lang=en
 *   /embed/programmes?commune=67482&headcount=12       /embed/events?ecosystem=…|region=…&when=past
 */
export const EMBED_CSP = pageCsp('*');

/** Which query parameters each page passes on to its element, and what a value may look like. */
const SAFE = /^[\p{L}\p{N} ,._:/{}?&=%#@+-]{0,300}$/u;
const WIDGETS: Record<string, { element: string; attributes: string[]; title: Record<'fr' | 'en', string> }> = {
  map: { element: 'maillage-map', attributes: ['region', 'as-of', 'kinds', 'hubs', 'links', 'href-template'], title: { fr: 'Carte du réseau French Tech', en: 'Map of the French Tech network' } },
  ecosystem: { element: 'maillage-ecosystem', attributes: ['as-of'], title: { fr: 'Fiche French Tech', en: 'French Tech card' } },
  programmes: { element: 'maillage-programmes', attributes: ['commune', 'department', 'region', 'headcount', 'stage', 'on', 'form'], title: { fr: 'Programmes ouverts', en: 'Open programmes' } },
  events: { element: 'maillage-events', attributes: ['ecosystem', 'region', 'when', 'limit'], title: { fr: 'Événements French Tech', en: 'French Tech events' } },
};

export function isEmbedPath(pathname: string): boolean {
  return pathname.startsWith('/embed/');
}

export function serveEmbed(req: IncomingMessage, res: ServerResponse, url: URL, entryScript: string | null): void {
  res.setHeader('content-security-policy', EMBED_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return text(res, 405, 'Method not allowed');
  }
  const match = /^\/embed\/(map|ecosystem|programmes|events)(?:\/([a-z0-9-]{1,100}))?\/?$/.exec(url.pathname);
  if (!match || (match[1] === 'ecosystem') !== Boolean(match[2])) {
    return text(res, 404, `No embed page ${url.pathname}. Pages: /embed/map, /embed/ecosystem/<slug>, /embed/programmes, /embed/events.`);
  }
  if (!entryScript) return text(res, 503, 'The widgets are not built: run `npm run build:widgets` (npm start does it).');
  const widget = WIDGETS[match[1]!]!;
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'fr';
  const attributes: string[] = [`lang="${lang}"`];
  if (match[2]) attributes.push(`slug="${match[2]}"`);
  for (const name of widget.attributes) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    if (!SAFE.test(value)) return text(res, 400, `Parameter "${name}" has characters an attribute of ${widget.element} does not take.`);
    attributes.push(value === '' ? name : `${name}="${escapeHtml(value)}"`);
  }
  const body = `<${widget.element} ${attributes.join(' ')}></${widget.element}>`;
  const html = htmlPage({ lang, title: widget.title[lang], script: entryScript, body, embed: true });
  res.statusCode = 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'public, max-age=300');
  res.end(req.method === 'HEAD' ? undefined : html);
}

function text(res: ServerResponse, status: number, message: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(message);
}
