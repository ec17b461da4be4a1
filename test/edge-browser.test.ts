import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { documentId } from '../src/edge/trusted-documents.js';
import { startTestApi, type TestApi } from './support/app.js';
import { launchBrowser } from './support/browser.js';

/**
 * A partner's page on another origin (another loopback port) with a strict CSP reads maillage in
 * headless Chromium the way the README tells partners to: trusted documents by GET, a POST, the
 * GeoJSON; the second identical GET is answered by the browser cache or a 304; a mutation from that
 * origin without a token changes nothing. No console error, no CSP violation.
 */
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
let api: TestApi;
let partner: Server;
let partnerUrl: string;
let browser: Browser;
/** What the API server answered, per request line. */
const answered: { method: string; url: string; status: number }[] = [];

const read = (name: string) => readFile(path.join(PROJECT_ROOT, 'schema/operations', name), 'utf8');

const PARTNER_SCRIPT = `
const api = document.body.dataset.api;
const out = (id, text) => { document.getElementById(id).textContent = text; };
async function get(documentId, variables) {
  const response = await fetch(api + '/graphql?documentId=' + documentId + '&variables=' + encodeURIComponent(JSON.stringify(variables)));
  return response.json();
}
async function main() {
  const ids = JSON.parse(document.body.dataset.ids);
  const map = await get(ids.map, { asOf: '2019-06-01', filter: { regionCode: '32' } });
  out('map', map.data.nationalMap.points.map((p) => p.name).join(', '));
  const page = await get(ids.community, { slug: 'french-tech-littoral-hauts-de-france', asOf: '2019-06-01' });
  out('community', page.data.ecosystem.name + ' — carried by ' + page.data.ecosystem.carriers.map((c) => c.name).join(', '));
  const posted = await fetch(api + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ capitals(asOf: "2019-04-03") { totalCount } }' }) }).then((r) => r.json());
  out('post', posted.data.capitals.totalCount + ' capitals on 2019-04-03');
  const geojson = await fetch(api + '/map.geojson?asOf=2019-06-01&regionCode=32').then((r) => r.json());
  out('geojson', geojson.features.length + ' features');
  const again = await get(ids.map, { asOf: '2019-06-01', filter: { regionCode: '32' } });
  out('again', again.data.nationalMap.points.length + ' points again');
  const mutation = await fetch(api + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { sourceArchive(input: { id: "x", expectedVersion: 1, sources: ["s"] }) { userErrors { message } } }' }) }).then((r) => r.json());
  out('mutation', mutation.errors ? mutation.errors[0].extensions.code : 'executed');
  // What a CSRF form could send: a simple text/plain POST. Opaque to the page; the server must refuse it.
  await fetch(api + '/graphql', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ query: 'mutation { sourceArchive(input: { id: "y", expectedVersion: 1, sources: ["s"] }) { userErrors { message } } }' }) });
  document.body.dataset.done = 'true';
}
main().catch((error) => { document.body.dataset.failed = String(error); console.error(error); });
`;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  api = await startTestApi();
  api.app.server.on('request', (req, res) => res.on('finish', () => answered.push({ method: req.method!, url: req.url!, status: res.statusCode })));
  const apiOrigin = new URL(api.url).origin;
  const ids = { map: documentId(await read('national-map.graphql')), community: documentId(await read('community-page.graphql')) };
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${apiOrigin}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  partner = createServer((req, res) => {
    if (req.url === '/partner.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': csp });
      return res.end(PARTNER_SCRIPT);
    }
    if (req.url === '/partner.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
      return res.end('body { font: 15px system-ui, sans-serif; margin: 2rem; } dd { margin: 0 0 1rem; }');
    }
    if (req.url === '/favicon.ico') { res.writeHead(204); return res.end(); }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Partner</title><link rel="stylesheet" href="/partner.css"></head>
<body data-api="${apiOrigin}" data-ids='${JSON.stringify(ids)}'><h1>A partner's page</h1>
<dl><dt>National map (GET, trusted document)</dt><dd id="map">…</dd><dt>Community page (GET, trusted document)</dt><dd id="community">…</dd>
<dt>POST</dt><dd id="post">…</dd><dt>/map.geojson</dt><dd id="geojson">…</dd><dt>Same GET again</dt><dd id="again">…</dd>
<dt>A mutation without a token</dt><dd id="mutation">…</dd></dl><script src="/partner.js"></script></body></html>`);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', () => resolve()));
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => partner?.close(resolve));
  await api?.stop();
});

test('a partner page on another origin reads maillage with plain fetch, under a strict CSP', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  // The test files are type-checked without the DOM library: browser globals through globalThis.
  await page.addInitScript({ content: `document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations = [...(window.__violations || []), event.violatedDirective + ' ' + event.blockedURI];
  });` });
  await page.goto(partnerUrl);
  // Functions, not strings: Playwright would eval a string, which the page's CSP forbids.
  await page.waitForFunction(() => { const d = (globalThis as any).document.body.dataset; return d.done === 'true' || d.failed; }, undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => (globalThis as any).document.body.dataset.failed ?? null)).toBeNull();
  await page.screenshot({ path: path.join(ARTIFACTS, 'edge-partner-page.png'), fullPage: true });

  expect(await page.textContent('#map')).toMatch(/French Tech Lille/);
  expect(await page.textContent('#community')).toMatch(/^French Tech Littoral Hauts-de-France — carried by /);
  expect(await page.textContent('#post')).toBe('13 capitals on 2019-04-03');
  expect(await page.textContent('#geojson')).toMatch(/^\d+ features$/);
  expect(await page.textContent('#again')).toMatch(/^\d+ points again$/);
  expect(await page.textContent('#mutation')).toBe('UNAUTHENTICATED');
  expect(await page.evaluate(() => (globalThis as any).__violations ?? [])).toEqual([]);
  // The one expected: Chromium reports the refused CSRF-style POST (400) in the console.
  expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);

  // The second identical GET came from the browser's cache (no request) or was revalidated (304):
  // the server produced the map's body once.
  const mapGets = answered.filter((a) => a.method === 'GET' && a.url.includes('documentId=sha256') && a.url.includes('regionCode'));
  expect(mapGets.filter((a) => a.status === 200)).toHaveLength(1);
  expect(mapGets.every((a) => a.status === 200 || a.status === 304)).toBe(true);
  // No preflight was needed for the GETs, the POST JSON was preflighted (204), the CSRF-style POST refused.
  expect(answered.filter((a) => a.method === 'OPTIONS').every((a) => a.status === 204)).toBe(true);
  const textPlain = answered.filter((a) => a.method === 'POST' && a.status !== 200);
  expect(textPlain.length).toBeGreaterThanOrEqual(1);
  expect(textPlain.every((a) => a.status >= 400 && a.status < 500)).toBe(true);
  await context.close();
}, 90_000);
