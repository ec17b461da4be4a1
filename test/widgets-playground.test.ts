import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { startTestApi, type TestApi } from './support/app.js';
import { launchBrowser } from './support/browser.js';

/**
 * The admin playground with the partner map: GraphiQL's "Map" plugin draws the nationalMap result it
 * just received on <maillage-map>; the hierarchy page compares two days, groups by region or
 * France / abroad, filters by name and shows the day's map. Real server, real browser.
 */
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  const run = promisify(execFile);
  await Promise.all([
    run(process.execPath, [path.join(PROJECT_ROOT, 'src', 'playground', 'web', 'build.mjs')], { cwd: PROJECT_ROOT }),
    run(process.execPath, [path.join(PROJECT_ROOT, 'src', 'widgets', 'build.mjs')], { cwd: PROJECT_ROOT }),
  ]);
  await mkdir(ARTIFACTS, { recursive: true });
  api = await startTestApi();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
}, 60_000);

async function open(url: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error' && /Content Security Policy|Refused/.test(msg.text())) errors.push(msg.text()); });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

const MAP_QUERY = `query PlaygroundMap { nationalMap(asOf: "2019-06-01", filter: { regionCode: "32", hubs: false }) {
  asOf points { slug name kind countryCode regionCode coordinates { latitude longitude } } links { from { slug } to { slug } } } }`;

test('GraphiQL draws the nationalMap result it received on <maillage-map>', async () => {
  const { nationalMap } = await api.data(MAP_QUERY);
  const { page, errors, close } = await open(`${api.url}/playground?${new URLSearchParams({ query: MAP_QUERY, variables: '{}' })}`);
  try {
    await page.locator('.graphiql-query-editor .view-lines', { hasText: 'PlaygroundMap' }).waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-sidebar button[aria-label="Show Map"]').click();
    const map = page.locator('maillage-map');
    await map.locator('[part~="point"]').first().waitFor({ timeout: 30_000 });
    const slugs = await map.locator('[part~="point"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
    expect(slugs.sort()).toEqual(nationalMap.points.map((p: { slug: string }) => p.slug).sort());
    expect(await map.locator('line.link').count()).toBe(nationalMap.links.length);
    expect(await map.getAttribute('region')).toBe('32'); // every point in one region: zoomed to it
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-map-plugin.png') });
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
}, 120_000);

test('the hierarchy page compares two days, groups by region and abroad, filters by name, and shows the map', async () => {
  const { page, errors, close } = await open(`${api.url}/playground/hierarchy?asOf=2023-06-01`);
  try {
    const tree = page.locator('#tree');
    await tree.locator('li.node').first().waitFor().catch(async (err) => { throw new Error(`${err}: ${await page.locator('#status').textContent()}`); });
    // filter by name: only matching nodes and their ancestors stay
    await page.fill('#filter', 'lille');
    const visible = await tree.locator('li.node:visible > .node-line .name').allTextContents();
    expect(visible.length).toBeGreaterThan(1);
    expect(visible.filter((name) => /lille/i.test(name)).length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(await tree.locator('li.node').count());
    await page.fill('#filter', '');

    // compare with 2019-06-01: the 2019 community of Littoral Hauts-de-France was not renewed
    await page.fill('#compare', '2019-06-01');
    await page.locator('#compare').dispatchEvent('change');
    const changes = page.locator('#changes');
    await changes.getByText('Changes from 2019-06-01 to 2023-06-01').waitFor();
    await changes.locator('h3[data-change="withdrawn"] + ul').getByText('French Tech Littoral Hauts-de-France').waitFor();
    expect(await changes.locator('h3[data-change="granted"]').textContent()).toMatch(/Granted \([1-9]\d*\)/);

    // group by region, then France / abroad
    await page.selectOption('#group', 'region');
    await page.locator('#groups h2[data-group="Hauts-de-France"]').waitFor();
    await page.locator('#groups h2[data-group="Abroad"]').waitFor();
    await page.selectOption('#group', 'abroad');
    await page.locator('#groups h2[data-group="France"]').waitFor();
    expect(await tree.isHidden()).toBe(true);

    // the day's network on the map widget
    await page.check('#show-map');
    await page.locator('#map maillage-map [part~="point"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#map maillage-map').getAttribute('as-of')).toBe('2023-06-01');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-hierarchy-compare.png'), fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
}, 120_000);
