import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { PLAYGROUND_CSP } from '../src/playground/playground.http.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { createToken } from '../src/auth/tokens.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';
import { launchBrowser } from './support/browser.js';

/**
 * The playground in a real browser: headless Chromium (test/support/browser.ts finds one), driven by playwright-core. The
 * bundle is built first (npm run build:playground), every request the pages make is checked to stay
 * on the API's origin (no CDN), and Content-Security-Policy violations fail the test. Screenshots go
 * to test-artifacts/.
 */
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'playground'], { cwd: PROJECT_ROOT });
  await mkdir(ARTIFACTS, { recursive: true });
  api = await startTestApi();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
}, 60_000);

interface Watched {
  page: Page;
  context: BrowserContext;
  /** Requests to another origin (refused: the playground must work with no internet). */
  foreign: string[];
  errors: string[];
  workers: string[];
  cspViolations(): Promise<string[]>;
}

/** The browser side of page.evaluate (the tests compile without the DOM library). */
interface BrowserGlobals {
  __csp?: string[];
  document: { addEventListener(type: string, listener: (e: { violatedDirective: string; blockedURI: string }) => void): void };
}

async function openPage(baseUrl = api.url): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const origin = new URL(baseUrl).origin;
  const watched: Watched = {
    page, context, foreign: [], errors: [], workers: [],
    cspViolations: () => page.evaluate(() => (globalThis as unknown as BrowserGlobals).__csp ?? []),
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    watched.foreign.push(url);
    return route.abort();
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    const browserGlobals = globalThis as unknown as BrowserGlobals;
    browserGlobals.__csp = seen;
    browserGlobals.document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('pageerror', (err) => watched.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') watched.errors.push(msg.text()); });
  page.on('worker', (worker) => watched.workers.push(worker.url()));
  return watched;
}

async function expectClean(w: Watched) {
  expect(w.foreign).toEqual([]);
  expect(await w.cspViolations()).toEqual([]);
  expect(w.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
}

/** Waits for GraphiQL's Monaco editors to show the first tab (switching tabs before that loses variables). */
async function graphiqlReady(page: Page) {
  await page.locator('.graphiql-query-editor .view-lines', { hasText: 'query' }).waitFor();
  await page.locator('section.graphiql-editor-tool[aria-label="Variables"] .view-lines', { hasText: '"' }).waitFor();
}

/** Selects the tab of an operation and waits until the editor shows it. */
async function openTab(page: Page, operationName: string) {
  await page.locator('.graphiql-tab', { hasText: operationName }).locator('button').first().click();
  await page.locator('.graphiql-query-editor .view-lines', { hasText: `query ${operationName}` }).waitFor();
}

/**
 * Runs the operation of the active tab and returns GraphQL's HTTP response. GraphiQL updates the
 * request's `operationName` a moment after a tab opens; a click in that moment sends the previous
 * tab's name (GraphiQL's behaviour, not the API's), so the click is repeated until the request names
 * the operation shown.
 */
async function run(page: Page, operationName: string) {
  for (let attempt = 1; ; attempt++) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && new RegExp(`(query|mutation) ${operationName}\\b`).test(String(r.request().postDataJSON()?.query))),
      page.locator('.graphiql-execute-button').click(),
    ]);
    const sent = response.request().postDataJSON()?.operationName;
    if (sent === operationName || sent == null || attempt === 5) return response;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Retries `read` until `check` passes or `timeout` ms have gone by (then fails with check's error). */
async function eventually<T>(read: () => Promise<T> | T, check: (value: T) => void, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      check(await read());
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The text Monaco shows in GraphiQL's response pane (the lines in view). */
async function responseText(page: Page): Promise<string> {
  return (await page.locator('.graphiql-response .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

test('the playground pages carry a strict Content-Security-Policy', async () => {
  for (const pathname of ['/playground', '/playground/', '/playground/hierarchy', '/playground/assets/graphiql.js', '/playground/assets/graphql.worker.js']) {
    const response = await fetch(`${api.url}${pathname}`);
    expect({ pathname, status: response.status }).toEqual({ pathname, status: 200 });
    expect(response.headers.get('content-security-policy')).toBe(PLAYGROUND_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  }
  expect(PLAYGROUND_CSP).toContain("script-src 'self'");
  expect(PLAYGROUND_CSP).toContain("connect-src 'self'");
  expect(PLAYGROUND_CSP).not.toContain('unsafe-eval');
  expect(PLAYGROUND_CSP).not.toMatch(/https?:/);
  const html = await (await fetch(`${api.url}/playground`)).text();
  expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
  expect((await fetch(`${api.url}/playground/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  expect((await fetch(`${api.url}/playground/assets/nothing.js`)).status).toBe(404);
  expect((await fetch(`${api.url}/playground`, { method: 'POST' })).status).toBe(405);
});

test('GraphiQL opens with the example operations as tabs and runs the national map', async () => {
  const w = await openPage();
  const { page } = w;
  try {
    await page.goto(`${api.url}/playground`);
    await page.locator('.graphiql-container').waitFor();
    await graphiqlReady(page);
    // one tab per example operation of schema/operations and the documentation explorer
    for (const name of ['HierarchyAsOf', 'NationalMap']) await expect(page.locator('.graphiql-tab', { hasText: name }).count()).resolves.toBe(1);
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').waitFor();

    await openTab(page, 'NationalMap');
    await page.locator('section.graphiql-editor-tool[aria-label="Variables"] .view-lines', { hasText: 'regionCode' }).waitFor(); // its variables
    const response = await run(page, 'NationalMap');
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.nationalMap.points.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['french-tech-lille', 'euratechnologies']));
    await eventually(() => responseText(page), (text) => expect(text).toContain('"nationalMap"'));
    expect(await responseText(page)).toContain('"asOf": "2019-06-01"');
    // Monaco's language workers load from the same origin
    await eventually(() => w.workers.join(' '), (urls) => expect(urls).toContain('/playground/assets/graphql.worker.js'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-national-map.png') });

    // the documentation explorer shows the schema's own descriptions
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer', { hasText: 'Query' }).waitFor();
    await page.locator('.graphiql-doc-explorer a', { hasText: 'Query' }).first().click();
    await page.locator('.graphiql-doc-explorer', { hasText: 'nationalMap' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-docs.png') });

    await expectClean(w);
  } finally {
    await w.context.close();
  }
}, 90_000);

test('a pasted token stays in sessionStorage and goes with every request as a Bearer header', async () => {
  const w = await openPage();
  const { page } = w;
  try {
    await page.goto(`${api.url}/playground`);
    await graphiqlReady(page);
    await page.fill('#maillage-token', 'Bearer mlg_example_token');
    await expect(page.locator('#maillage-token-status').innerText()).resolves.toMatch(/Authorization: Bearer/);
    expect(await page.evaluate(() => sessionStorage.getItem('maillage.token'))).toBe('mlg_example_token');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('mlg_example_token');

    await openTab(page, 'HierarchyAsOf');
    const response = await run(page, 'HierarchyAsOf');
    expect(response.request().headers()['authorization']).toBe('Bearer mlg_example_token');

    // kept across a reload of the same session, forgotten on demand
    await page.reload();
    await expect(page.locator('#maillage-token').inputValue()).resolves.toBe('mlg_example_token');
    await page.click('text=Forget');
    expect(await page.evaluate(() => sessionStorage.getItem('maillage.token'))).toBeNull();
    await expectClean(w);
  } finally {
    await w.context.close();
  }
}, 90_000);

describe('editing from the playground (a database of its own: this test writes)', () => {
  let editApi: TestApi;
  let orm: MikroORM;
  let editorToken: string;
  beforeAll(async () => {
    const url = await freshDatabaseUrl('playground');
    orm = await openOrm(url);
    await migrate(orm);
    await loadSeeds(orm);
    // what `npm run admin -- create-token --name … --role editor` does
    editorToken = (await createToken(orm.em.fork(), { name: 'Playground Editor', role: 'editor' })).token;
    editApi = await startTestApi(url);
  }, 120_000);
  afterAll(async () => {
    await editApi?.stop();
    await orm?.close(true);
  }, 60_000);

  test('pastes an editor token, runs a mutation and sees its effect in a following query', async () => {
    const { id, version } = (await editApi.graphql(`{ association(slug: "cap-numeric") { id version } }`)).body.data.association;
    const mutation = `mutation CapNumericMission($input: AssociationUpdateInput!) {
  associationUpdate(input: $input) {
    association { slug mission version }
    userErrors { field message code }
  }
}`;
    const input = { id, expectedVersion: version, mission: 'Fédérer la filière numérique du Littoral (edited in the playground).', sources: ['article-littoral-hdf-2019'] };
    const w = await openPage(editApi.url);
    const { page } = w;
    try {
      const link = (query: string, variables: unknown) => `${editApi.url}/playground?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
      await page.goto(link(mutation, { input }));
      await page.locator('.graphiql-query-editor .view-lines', { hasText: 'CapNumericMission' }).waitFor();
      await page.fill('#maillage-token', editorToken);
      const response = await run(page, 'CapNumericMission');
      expect(response.request().headers()['authorization']).toBe(`Bearer ${editorToken}`);
      const body = await response.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.associationUpdate).toEqual({ association: { slug: 'cap-numeric', mission: input.mission, version: version + 1 }, userErrors: [] });
      await eventually(() => responseText(page), (text) => expect(text).toContain('"userErrors": []'));
      await page.screenshot({ path: path.join(ARTIFACTS, 'playground-mutation.png') });

      await page.goto(link('query CapNumeric {\n  association(slug: "cap-numeric") { slug mission version }\n}', {}));
      await page.locator('.graphiql-query-editor .view-lines', { hasText: 'CapNumeric' }).waitFor();
      const read = await (await run(page, 'CapNumeric')).json();
      expect(read.data.association).toEqual({ slug: 'cap-numeric', mission: input.mission, version: version + 1 });
      await eventually(() => responseText(page), (text) => expect(text).toContain(`"version": ${version + 1}`));
      await page.screenshot({ path: path.join(ARTIFACTS, 'playground-mutation-read-back.png') });
      await expectClean(w);
    } finally {
      await w.context.close();
    }
  }, 90_000);
});

test('the hierarchy page shows the tree of 2019-04-03 with kinds, label periods and carriers, and opens its query in GraphiQL', async () => {
  const w = await openPage();
  const { page } = w;
  try {
    await page.goto(`${api.url}/playground/hierarchy`);
    await expect(page.locator('#as-of').inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/); // today by default
    await page.fill('#as-of', '2019-04-03');
    await page.click('#controls button[type=submit]');
    await page.locator('#tree[data-as-of="2019-04-03"]').waitFor();
    // 28 communities named on 3 April 2019: 20 in France and 8 abroad (seeds/ecosystems/*.yaml, each with its source).
    await expect(page.locator('#status').innerText()).resolves.toBe('The network as of 2019-04-03: 13 capitals, 28 communities.');
    // issue 10: how much of the network the data names, against the official counts
    await expect(page.locator('#coverage').innerText()).resolves.toMatch(/capitals in France: 13 named of 13 \(official figure 2019-04-03[^)]*\); communities in France: 20 named of 38 [\s\S]*communities abroad: 8 named of 48/);
    const capitals = page.locator('#tree li[data-kind="CAPITAL"]');
    await expect(capitals.count()).resolves.toBe(13);
    await expect(page.locator('#tree li[data-kind="COMMUNITY"]').count()).resolves.toBe(28);
    const root = page.locator('#tree > li');
    await expect(root.locator('> .node-line .name').innerText()).resolves.toBe('La French Tech');
    const lille = page.locator('#tree li[data-slug="french-tech-lille"]');
    await expect(lille.locator('> .node-line').innerText()).resolves.toMatch(/Capital[\s\S]*French Tech Lille[\s\S]*label 2019-04-03 – 2022-12-31/i);
    const littoral = lille.locator('li[data-slug="french-tech-littoral-hauts-de-france"] > .node-line');
    await expect(littoral.innerText()).resolves.toMatch(/Community[\s\S]*label 2019-04-03[\s\S]*carried by Cap Numeric/i);
    expect(page.url()).toContain('asOf=2019-04-03');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-hierarchy.png'), fullPage: false });

    // the node's query opens in the playground with its variables, and runs
    const href = await littoral.locator('a.query-link').getAttribute('href');
    const link = new URL(href!, api.url);
    expect(link.pathname).toBe('/playground');
    expect(JSON.parse(link.searchParams.get('variables')!)).toEqual({ slug: 'french-tech-littoral-hauts-de-france', asOf: '2019-04-03' });
    await littoral.locator('a.query-link').click();
    await page.locator('.graphiql-tab', { hasText: 'HierarchyNode' }).waitFor();
    await page.locator('.graphiql-query-editor .view-lines', { hasText: 'HierarchyNode' }).waitFor();
    await page.locator('section.graphiql-editor-tool[aria-label="Variables"] .view-lines', { hasText: 'french-tech-littoral-hauts-de-france' }).waitFor();
    const response = await run(page, 'HierarchyNode');
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.ecosystem).toMatchObject({
      slug: 'french-tech-littoral-hauts-de-france', label: { kind: 'COMMUNITY', validFrom: '2019-04-03' },
      carriers: [{ slug: 'cap-numeric', name: 'Cap Numeric' }], parent: { slug: 'french-tech-lille' },
    });
    await eventually(() => responseText(page), (text) => expect(text).toContain('"french-tech-littoral-hauts-de-france"'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-hierarchy-node-query.png') });

    // after the last sourced period: the last confirmed state, said so (issue 10)
    await page.goto(`${api.url}/playground/hierarchy?asOf=2026-11-30`);
    await page.locator('#tree[data-as-of="2026-11-30"]').waitFor();
    await expect(page.locator('#status').innerText()).resolves.toMatch(/^No source covers 2026-11-30: .* end on 2025-12-31\. The network as last confirmed, on 2025-12-31: 17 capitals, \d+ communities\.$/);
    await expect(page.locator('#tree li[data-kind="CAPITAL"]').count()).resolves.toBe(17);
    await expect(page.locator('#tree li[data-slug="french-tech-lille"] > .node-line').innerText()).resolves.toMatch(/label 2023-01-01 – 2025-12-31/);
    await page.goto(`${api.url}/playground/hierarchy?asOf=2023-06-01`);
    await page.locator('#tree[data-as-of="2023-06-01"]').waitFor();
    await expect(page.locator('#unconfirmed').innerText()).resolves.toMatch(/renewal no source confirms[\s\S]*French Tech Littoral Hauts-de-France/);

    // and the whole tree's query too
    await page.goto(`${api.url}/playground/hierarchy?asOf=2019-04-03`);
    await page.locator('#tree li[data-kind="CAPITAL"]').first().waitFor();
    await page.click('#open-query');
    await page.locator('.graphiql-tab', { hasText: 'LabelTree' }).waitFor();
    await expectClean(w);
  } finally {
    await w.context.close();
  }
}, 90_000);
