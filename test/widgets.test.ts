import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { startTestApi, type TestApi } from './support/app.js';
import { launchBrowser } from './support/browser.js';

/**
 * The widgets as a partner uses them: a partner page served by a second HTTP server on another
 * loopback origin, with a strict CSP (scripts, requests and frames from maillage's origin only, no
 * inline script or style), loads /widgets/v1/maillage.js from the API's origin. Each widget must show
 * the test database's data, in French and English, with no console error, no CSP violation and no
 * serious or critical axe-core finding. Screenshots go to test-artifacts/.
 */
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let api: TestApi;
let partner: Server;
let partnerOrigin: string;
let browser: Browser;
let axeSource: string;
let documentIds: Record<string, string>;
const pages = new Map<string, string>();

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'src', 'widgets', 'build.mjs')], { cwd: PROJECT_ROOT });
  documentIds = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'dist', 'widgets', 'manifest.json'), 'utf8')).documents;
  await mkdir(ARTIFACTS, { recursive: true });
  axeSource = await readFile(AXE, 'utf8');
  api = await startTestApi();
  partner = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!html) { res.statusCode = 404; res.end(); return; }
    const css = req.url?.endsWith('.css');
    res.setHeader('content-type', css ? 'text/css; charset=utf-8' : 'text/html; charset=utf-8');
    // What the gallery tells a host to add, and nothing else: no 'self' scripts, no inline anything
    // (the host's own stylesheet, from its own origin, for the theming test).
    res.setHeader('content-security-policy', [
      "default-src 'none'", `script-src ${api.url}`, `connect-src ${api.url}`, `frame-src ${api.url}`, "style-src 'self'", "img-src 'none'",
    ].join('; '));
    res.end(html);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  // "localhost" vs 127.0.0.1: two different origins on the loopback
  partnerOrigin = `http://localhost:${(partner.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => partner?.close(resolve));
  await api?.stop();
}, 120_000);

interface Watched {
  page: Page;
  context: BrowserContext;
  errors: string[];
  requests: string[];
  cspViolations(): Promise<string[]>;
}

interface BrowserGlobals {
  __csp?: string[];
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> };
  document: { addEventListener(type: string, listener: (e: { violatedDirective: string; blockedURI: string }) => void): void };
}

/** Serves `body` as a partner page and opens it. */
async function partnerPage(name: string, body: string, options: { width?: number; lang?: string; css?: string; init?: () => void } = {}): Promise<Watched> {
  if (options.css) pages.set(`/${name}.css`, options.css);
  pages.set(`/${name}`, `<!doctype html><html lang="${options.lang ?? 'fr'}"><head><meta charset="utf-8"><title>Partner ${name}</title>
${options.css ? `<link rel="stylesheet" href="/${name}.css">` : ''}<script type="module" src="${api.url}/widgets/v1/maillage.js"></script></head>
<body><main><h1>Partner page</h1>${body}</main></body></html>`);
  const context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: 900 } });
  const page = await context.newPage();
  const watched: Watched = {
    page, context, errors: [], requests: [],
    cspViolations: () => page.evaluate(() => (globalThis as unknown as BrowserGlobals).__csp ?? []),
  };
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as BrowserGlobals).__csp = seen;
    (globalThis as unknown as BrowserGlobals).document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (options.init) await page.addInitScript(options.init);
  page.on('pageerror', (err) => watched.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') watched.errors.push(msg.text()); });
  page.on('request', (request) => watched.requests.push(request.url()));
  await page.goto(`${partnerOrigin}/${name}`);
  return watched;
}

/** No console error, no CSP violation, no serious or critical accessibility finding; a screenshot. */
async function expectClean(w: Watched, screenshot: string, allowedErrors: RegExp[] = []) {
  await w.page.screenshot({ path: path.join(ARTIFACTS, `widgets-${screenshot}.png`), fullPage: true });
  expect(await w.cspViolations()).toEqual([]);
  expect(w.errors.filter((e) => !allowedErrors.some((r) => r.test(e)))).toEqual([]);
  await w.page.evaluate(axeSource);
  const result = await w.page.evaluate(() => (globalThis as unknown as BrowserGlobals).axe!.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect(serious).toEqual([]);
  // every API request was a GET of a trusted document id, with no query text
  for (const url of w.requests.filter((u) => u.includes('/graphql'))) {
    expect(url).toMatch(/\/graphql\?documentId=sha256:[0-9a-f]{64}&variables=/);
    expect(Object.values(documentIds)).toContain(new URL(url).searchParams.get('documentId'));
  }
}

/** The text of an element's shadow root (Playwright locators pierce open shadow roots). */
async function shadowText(scope: Page | Frame, selector: string, waitFor: string): Promise<string> {
  await scope.locator(selector).getByText(waitFor, { exact: false }).first().waitFor({ timeout: 30_000 });
  return (await scope.locator(selector).evaluate((el) => (el.shadowRoot?.textContent ?? ''))).replace(/\s+/g, ' ');
}

/** The browser side of getComputedStyle (the tests compile without the DOM library). */
type Styles = { getComputedStyle(el: unknown): { color: string; textTransform: string; fontFamily: string; borderTopColor: string } };

const LITTORAL = 'french-tech-littoral-hauts-de-france';

test('<maillage-ecosystem> shows a community card on a date, in French and in English', async () => {
  const { ecosystem } = await api.data(`query($slug: String!) { ecosystem(slug: $slug) {
    name(asOf: "2019-06-01") parent(asOf: "2019-06-01") { name(asOf: "2019-06-01") } carriers(asOf: "2019-06-01") { name } sources { title } } }`, { slug: LITTORAL });
  const w = await partnerPage('card', `<maillage-ecosystem slug="${LITTORAL}" as-of="2019-06-01"></maillage-ecosystem>
    <maillage-ecosystem lang="en" slug="${LITTORAL}" as-of="2019-06-01"></maillage-ecosystem>`);
  try {
    const fr = await shadowText(w.page, 'maillage-ecosystem[slug]:not([lang])', ecosystem.name);
    expect(fr).toContain('Communauté French Tech');
    expect(fr).toContain('du 3 avril 2019 au 31 décembre 2022');
    expect(fr).toContain(`Rattachement : ${ecosystem.parent.name}`);
    for (const carrier of ecosystem.carriers) expect(fr).toContain(carrier.name);
    expect(fr).toContain(`Sources (${ecosystem.sources.length})`);
    const en = await shadowText(w.page, 'maillage-ecosystem[lang="en"]', ecosystem.name);
    expect(en).toContain('French Tech Community');
    expect(en).toContain('from 3 April 2019 to 31 December 2022');
    expect(en).toContain('No upcoming event known.');
    await expectClean(w, 'ecosystem');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('a widget without a lang attribute speaks the page\'s language', async () => {
  const w = await partnerPage('page-lang', `<maillage-ecosystem slug="${LITTORAL}" as-of="2019-06-01"></maillage-ecosystem>`, { lang: 'en' });
  try {
    const text = await shadowText(w.page, 'maillage-ecosystem', 'French Tech Community');
    expect(text).toContain('from 3 April 2019 to 31 December 2022');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('<maillage-ecosystem> says so for an unknown slug; the widgets fit a 320 px wide page', async () => {
  const w = await partnerPage('unknown', `<maillage-ecosystem slug="no-such-ecosystem"></maillage-ecosystem>
    <maillage-events ecosystem="${LITTORAL}" when="past" limit="3"></maillage-events>
    <maillage-programmes commune="67482" headcount="12"></maillage-programmes>`, { width: 320 });
  try {
    expect(await shadowText(w.page, 'maillage-ecosystem', 'no-such-ecosystem')).toContain('Aucun écosystème French Tech ne porte l’identifiant « no-such-ecosystem »');
    await w.page.locator('maillage-programmes').locator('[part~="programme"]').first().waitFor();
    await w.page.locator('maillage-events').locator('[part~="event"]').first().waitFor();
    const overflow = await w.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(320);
    await expectClean(w, 'narrow-320');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('<maillage-events> lists past events of a community and says when none is upcoming', async () => {
  const { events } = await api.data(`query($slug: String!) { events(filter: { ecosystemSlug: $slug, to: "2026-01-01" }, first: 10) { totalCount nodes { name } } }`, { slug: LITTORAL });
  expect(events.totalCount).toBeGreaterThan(0);
  const w = await partnerPage('events', `<maillage-events ecosystem="${LITTORAL}" when="past" limit="10"></maillage-events>
    <maillage-events lang="en" ecosystem="${LITTORAL}"></maillage-events>`);
  try {
    const past = await shadowText(w.page, 'maillage-events[when="past"]', events.nodes[0].name);
    expect(past).toContain('Événements passés');
    expect(past).toContain(`${events.totalCount} événement`);
    for (const event of events.nodes) expect(past).toContain(event.name);
    expect(await w.page.locator('maillage-events[when="past"]').locator('[part~="event"]').count()).toBe(events.nodes.length);
    expect(await shadowText(w.page, 'maillage-events[lang="en"]', 'Upcoming events')).toContain('No upcoming event.');
    await expectClean(w, 'events');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('the host page themes the widgets: its font, custom properties and ::part()', async () => {
  const css = `body { font-family: Georgia, serif; }
    maillage-events.themed { --maillage-accent: rgb(128, 0, 64); --maillage-border: rgb(0, 128, 0); }
    maillage-events.themed::part(title) { color: rgb(0, 0, 255); text-transform: uppercase; }
    maillage-events.own-font { --maillage-font: monospace; }`;
  const { events } = await api.data(`query { events(filter: { regionCode: "32", to: "2026-01-01" }, first: 20) { totalCount } }`);
  const w = await partnerPage('theme', `<maillage-events class="themed" region="32" when="past" limit="20"></maillage-events>
    <maillage-events class="own-font" when="past" limit="1"></maillage-events>`, { css });
  try {
    const themed = w.page.locator('maillage-events.themed');
    await themed.locator('[part~="event"]').first().waitFor();
    // the region filter: every past event in Hauts-de-France, no other
    expect(await themed.locator('[part~="event"]').count()).toBe(events.totalCount);
    const style = await themed.locator('[part~="title"]').evaluate((el) => {
      const s = (globalThis as unknown as Styles).getComputedStyle(el);
      return { color: s.color, transform: s.textTransform, font: s.fontFamily };
    });
    expect(style).toEqual({ color: 'rgb(0, 0, 255)', transform: 'uppercase', font: 'Georgia, serif' });
    expect(await themed.locator('.frame').evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).borderTopColor)).toBe('rgb(0, 128, 0)');
    const own = w.page.locator('maillage-events.own-font');
    await own.locator('[part~="title"]').waitFor();
    expect(await own.locator('[part~="title"]').evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).fontFamily)).toBe('monospace');
    await expectClean(w, 'themed');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('<maillage-programmes> preset by attributes and through its form with commune suggestions', async () => {
  const { programmeFinder } = await api.data(`query { programmeFinder(input: { communeCode: "67482", headcount: 12 }) { nationwide matchedTerritory { name } programme { name } } }`);
  expect(programmeFinder.length).toBeGreaterThan(0);
  const w = await partnerPage('programmes', `<maillage-programmes commune="67482" headcount="12"></maillage-programmes>
    <maillage-programmes lang="en"></maillage-programmes>`);
  try {
    const preset = w.page.locator('maillage-programmes[commune]');
    const text = await shadowText(w.page, 'maillage-programmes[commune]', programmeFinder[0].programme.name);
    expect(text).toContain(`${programmeFinder.length} programme`);
    expect(await preset.locator('[part~="programme"]').count()).toBe(programmeFinder.length);
    for (const match of programmeFinder) expect(text).toContain(match.programme.name);
    const local = programmeFinder.find((m: { nationwide: boolean }) => !m.nationwide);
    if (local) expect(text).toContain(`couvre ${local.matchedTerritory.name}`);
    if (programmeFinder.some((m: { nationwide: boolean }) => m.nationwide)) expect(text).toContain('ouvert partout en France');
    expect(await preset.locator('form').count()).toBe(0);

    // the form: type the start of a commune's name, pick a suggestion, give a headcount
    const form = w.page.locator('maillage-programmes[lang="en"]');
    await form.getByLabel('Commune').fill('Strasb');
    await form.locator('datalist option').first().waitFor({ state: 'attached' });
    const suggestion = await form.locator('datalist option').first().getAttribute('value');
    expect(suggestion).toMatch(/^Strasbourg/);
    await form.getByLabel('Commune').fill(suggestion!);
    await form.getByRole('button', { name: 'Search' }).click();
    expect(await shadowText(w.page, 'maillage-programmes[lang="en"]', 'Give a headcount')).toContain('Give a headcount (0 or more).');
    await form.getByLabel('Headcount (staff)').fill('12');
    await form.getByRole('button', { name: 'Search' }).click();
    const found = await shadowText(w.page, 'maillage-programmes[lang="en"]', `${programmeFinder.length} open programme`);
    for (const match of programmeFinder) expect(found).toContain(match.programme.name);
    // the element's language travels in the document's variables (not in Accept-Language), so caches key on it
    const languages = w.requests.filter((u) => u.includes(documentIds['widget-programmes']!))
      .map((u) => JSON.parse(new URL(u).searchParams.get('variables')!).lang);
    expect(new Set(languages)).toEqual(new Set(['FR', 'EN']));
    await expectClean(w, 'programmes');
  } finally {
    await w.context.close();
  }
}, 120_000);

async function mapPoints(variables: Record<string, unknown>) {
  const { nationalMap } = await api.data(`query($asOf: LocalDate, $filter: MapFilter) { nationalMap(asOf: $asOf, filter: $filter) {
    points { slug name kind countryCode regionCode coordinates { latitude } } } }`, variables);
  return nationalMap.points as { slug: string; name: string; kind: string; countryCode: string; regionCode: string | null; coordinates: unknown }[];
}

test('<maillage-map region="32"> zooms to Hauts-de-France: one point per ecosystem, keyboard panel', async () => {
  const points = await mapPoints({ asOf: '2019-06-01', filter: { regionCode: '32', hubs: false } });
  const drawn = points; // with coordinates, or at the centre of their region (drawn as approximate)
  expect(points.filter((p) => p.coordinates).length).toBeGreaterThan(1);
  expect(points.every((p) => p.regionCode === '32')).toBe(true);
  const w = await partnerPage('map-region', `<maillage-map region="32" as-of="2019-06-01"></maillage-map>`);
  try {
    const map = w.page.locator('maillage-map');
    await map.locator('[part~="point"]').first().waitFor({ timeout: 30_000 });
    const slugs = await map.locator('[part~="point"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
    expect(slugs.slice().sort()).toEqual(drawn.map((p) => p.slug).sort());
    const approximate = await map.locator('[part~="point"].approximate').evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
    expect(approximate.sort()).toEqual(points.filter((p) => !p.coordinates).map((p) => p.slug).sort());
    expect(await shadowText(w.page, 'maillage-map', 'Hauts-de-France')).toContain('Le réseau French Tech en Hauts-de-France le 1 juin 2019');
    expect(await map.locator('path.department').count()).toBe(5); // Aisne, Nord, Oise, Pas-de-Calais, Somme

    // Tab from the page to the first point, Enter opens its panel with the label period, Escape closes it
    const first = drawn.find((p) => p.slug === slugs[0])!;
    for (let i = 0; i < 10; i++) {
      await w.page.keyboard.press('Tab');
      const focused = await map.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-slug') ?? null);
      if (focused) break;
    }
    expect(await map.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-slug'))).toBe(first.slug);
    await w.page.keyboard.press('Enter');
    const panel = map.locator('[part~="panel"]');
    await panel.getByText(first.name).waitFor();
    await panel.getByText(/^du .* 2019 au/).or(panel.getByText(/^depuis le/)).first().waitFor();
    await w.page.keyboard.press('Tab');
    expect(await map.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-slug'))).toBe(slugs[1]);
    await w.page.keyboard.press('ArrowLeft'); // the arrow keys move between points too
    expect(await map.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-slug'))).toBe(slugs[0]);
    await w.page.keyboard.press('ArrowRight');
    await w.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expectClean(w, 'map-region-32');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('<maillage-map> of the whole network: French points on the map, communities abroad grouped by country, in English', async () => {
  const points = await mapPoints({ asOf: '2023-06-01', filter: { hubs: false } });
  const french = points.filter((p) => p.countryCode === 'FR');
  const abroad = points.filter((p) => p.countryCode !== 'FR');
  expect(abroad.length).toBeGreaterThan(0);
  const w = await partnerPage('map-national', `<maillage-map lang="en" as-of="2023-06-01"></maillage-map>`, { lang: 'en' });
  try {
    const map = w.page.locator('maillage-map');
    await map.locator('[part~="point"]').first().waitFor({ timeout: 30_000 });
    const slugs = await map.locator('[part~="point"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
    const offMap = await map.locator('[part~="abroad"] button').evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
    // every French point is drawn (at its seat, else at its region's centre) or listed beside the map
    // when it has neither; every point with coordinates in France is drawn at them
    expect([...slugs, ...offMap.filter((s) => french.some((p) => p.slug === s))].sort()).toEqual(french.map((p) => p.slug).sort());
    const exact = await map.locator('[part~="point"]:not(.approximate)').evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
    expect(exact.length).toBeGreaterThan(10);
    for (const slug of exact) expect(french.find((p) => p.slug === slug)?.coordinates).toBeTruthy();
    for (const p of abroad) expect(offMap).toContain(p.slug);
    const text = await shadowText(w.page, 'maillage-map', 'Abroad');
    expect(text).toContain('The French Tech network on 1 June 2023');
    expect(text).toContain(new Intl.DisplayNames(['en'], { type: 'region' }).of(abroad[0]!.countryCode)!);
    await map.locator('[part~="abroad"] button').first().click();
    await map.locator('[part~="panel"]').getByText('See the card').waitFor();
    await expectClean(w, 'map-national-en');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('<maillage-map> attributes: hubs on demand, kinds, links off, a partner URL template', async () => {
  const withHubs = await mapPoints({ asOf: '2023-06-01', filter: { regionCode: '32' } });
  const hubs = withHubs.filter((p) => p.kind === 'HUB');
  expect(hubs.filter((p) => p.coordinates).length).toBeGreaterThan(0);
  const capitals = await mapPoints({ asOf: '2023-06-01', filter: { kinds: ['CAPITAL'], hubs: false } });
  const w = await partnerPage('map-attributes', `<maillage-map region="32" as-of="2023-06-01" hubs></maillage-map>
    <maillage-map id="capitals" as-of="2023-06-01" kinds="CAPITAL" links="false" href-template="https://partner.example/eco/{slug}"></maillage-map>`);
  try {
    const regional = w.page.locator('maillage-map[hubs]');
    await regional.locator('[part~="point"]').first().waitFor({ timeout: 30_000 });
    expect(await regional.locator('[part~="point"][data-kind="HUB"]').count()).toBe(hubs.filter((p) => p.coordinates).length);
    const only = w.page.locator('#capitals');
    await only.locator('[part~="point"]').first().waitFor({ timeout: 30_000 });
    const kinds = await only.locator('[part~="point"]').evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-kind')))]);
    expect(kinds).toEqual(['CAPITAL']);
    expect(await only.locator('[part~="point"]').count() + await only.locator('[part~="abroad"] button').count()).toBe(capitals.length);
    expect(await only.locator('line.link').count()).toBe(0);
    const first = only.locator('[part~="point"]').first();
    const slug = await first.getAttribute('data-slug');
    await first.click();
    expect(await only.locator('[part~="panel"] a').getAttribute('href')).toBe(`https://partner.example/eco/${slug}`);
    await expectClean(w, 'map-attributes');
  } finally {
    await w.context.close();
  }
}, 120_000);

test('empty region, API down with a retry, and a document the server does not know', async () => {
  const w = await partnerPage('states', `<maillage-map region="94" as-of="2019-06-01" links="false"></maillage-map>`);
  try {
    expect(await shadowText(w.page, 'maillage-map', 'Aucune communauté')).toContain('Aucune communauté dans cette région à cette date.');
    await expectClean(w, 'map-empty');
  } finally {
    await w.context.close();
  }

  // maillage unreachable: the request fails at the network level; the widget says so and retries
  const down = await browser.newContext();
  let refuse = true;
  await down.route('**/graphql?**', (route) => (refuse ? route.abort('connectionrefused') : route.continue()));
  const page = await down.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  try {
    pages.set('/down', `<!doctype html><html lang="fr"><head><title>down</title><script type="module" src="${api.url}/widgets/v1/maillage.js"></script></head>
      <body><maillage-ecosystem slug="${LITTORAL}" as-of="2019-06-01"></maillage-ecosystem></body></html>`);
    await page.goto(`${partnerOrigin}/down`);
    const card = page.locator('maillage-ecosystem');
    await card.getByRole('alert').getByText('Impossible de joindre maillage pour le moment.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'widgets-api-down.png') });
    refuse = false;
    await card.getByRole('button', { name: 'Réessayer' }).click();
    await card.getByText('French Tech Littoral Hauts-de-France').first().waitFor();
    expect(errors).toEqual([]); // no exception reaches the host page
  } finally {
    await down.close();
  }

  // a widget asking for a document the server did not register: refused with HTTP 400, the widget shows it
  const unknown = await browser.newContext();
  await unknown.route('**/graphql?**', (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('documentId', `sha256:${'0'.repeat(64)}`);
    return route.continue({ url: url.href });
  });
  const page2 = await unknown.newPage();
  try {
    const [response] = await Promise.all([
      page2.waitForResponse((r) => r.url().includes('/graphql?')),
      page2.goto(`${partnerOrigin}/down`),
    ]);
    expect(response.status()).toBe(400);
    await page2.locator('maillage-ecosystem').getByText('maillage a refusé la demande.').waitFor();
  } finally {
    await unknown.close();
  }
}, 120_000);

test('every document id in the bundle is registered by the server; an unknown id is refused', async () => {
  for (const [name, id] of Object.entries(documentIds)) {
    const response = await fetch(`${api.url}/graphql?documentId=${id}&variables=${encodeURIComponent('{}')}`);
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    // missing variables are fine here; an unknown document is not
    expect({ name, codes: (body.errors ?? []).map((e) => e.extensions?.code).filter((c) => c === 'PERSISTED_QUERY_NOT_FOUND') }).toEqual({ name, codes: [] });
  }
  const refused = await fetch(`${api.url}/graphql?documentId=sha256:${'0'.repeat(64)}&variables=%7B%7D`);
  expect(refused.status).toBe(400);
});

test('embed pages render their widget inside an iframe on the partner page; the gallery shows every widget', async () => {
  // the host may listen for the embed pages' heights (the listener comes from the test, not inline script)
  const listen = () => {
    const g = globalThis as unknown as { __heights?: number[]; top: unknown; addEventListener(t: string, f: (e: { data: { type?: string; height?: number } }) => void): void };
    if (g !== g.top) return; // the partner page only, not the frames
    g.__heights = [];
    g.addEventListener('message', (e) => { if (e.data?.type === 'maillage:resize') g.__heights!.push(e.data.height!); });
  };
  const w = await partnerPage('iframes', `
    <iframe title="Carte" src="${api.url}/embed/map?region=32&as-of=2019-06-01" width="700" height="700"></iframe>
    <iframe title="Fiche" src="${api.url}/embed/ecosystem/${LITTORAL}?as-of=2019-06-01&lang=en" width="500" height="700"></iframe>`, { init: listen });
  try {
    const mapFrame = w.page.frameLocator('iframe[title="Carte"]');
    await mapFrame.locator('maillage-map [part~="point"]').first().waitFor({ timeout: 30_000 });
    await w.page.waitForFunction(() => Math.max(0, ...((globalThis as unknown as { __heights?: number[] }).__heights ?? [])) > 400, undefined, { timeout: 30_000 });
    const points = await mapPoints({ asOf: '2019-06-01', filter: { regionCode: '32', hubs: false } });
    expect(await mapFrame.locator('maillage-map [part~="point"]').count()).toBe(points.length); // every ecosystem of the region, approximate ones included
    await w.page.frameLocator('iframe[title="Fiche"]').locator('maillage-ecosystem').getByText('from 3 April 2019 to 31 December 2022').waitFor();
    await expectClean(w, 'embed-iframes');
    for (const frame of w.page.frames().slice(1)) expect(await frame.evaluate(() => (globalThis as unknown as BrowserGlobals).__csp ?? [])).toEqual([]);
  } finally {
    await w.context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  try {
    await page.goto(`${api.url}/widgets`);
    for (const element of ['maillage-ecosystem', 'maillage-events', 'maillage-programmes']) {
      await page.locator(`.demo ${element}`).locator('[part~="title"]').first().waitFor({ timeout: 30_000 });
    }
    await page.locator('.demo maillage-map [part~="point"]').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'widgets-gallery.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).axe!.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);

