import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, parse, validate } from 'graphql';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { ENTRY_CACHE, IMMUTABLE_CACHE } from '../src/widgets/widgets.http.js';
import { EMBED_CSP } from '../src/embed/embed.http.js';
import { startTestApi, type TestApi } from './support/app.js';

/**
 * The widgets' build and how maillage serves it, without a browser: the budget, the documents (valid
 * against the schema, sent by id only), the moving entry and the immutable files, the embed pages'
 * headers. test/widgets.test.ts runs the widgets themselves in Chromium.
 */
const DOCUMENTS = path.join(PROJECT_ROOT, 'src', 'widgets', 'documents');
let api: TestApi;
let build: { stdout: string };
let manifest: { entry: string; documents: Record<string, string>; sizes: Record<'main' | 'map', { gzip: number; files: string[] }>; budget: Record<'main' | 'map', number> };

beforeAll(async () => {
  build = await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'src', 'widgets', 'build.mjs')], { cwd: PROJECT_ROOT });
  manifest = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'dist', 'widgets', 'manifest.json'), 'utf8'));
  api = await startTestApi();
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

test('the build prints the sizes and stays within the budget', () => {
  expect(build.stdout).toMatch(/card\/programmes\/events script: [\d.]+ KB gzipped/);
  expect(build.stdout).toMatch(/map code \+ outlines \(lazy\): +[\d.]+ KB gzipped/);
  expect(manifest.budget).toEqual({ main: 50 * 1024, map: 200 * 1024 });
  expect(manifest.sizes.main.gzip).toBeLessThanOrEqual(manifest.budget.main);
  expect(manifest.sizes.map.gzip).toBeLessThanOrEqual(manifest.budget.map);
  // the outlines are in the lazy part, not in what every partner page loads
  expect(manifest.sizes.map.gzip).toBeGreaterThan(20 * 1024);
  expect(manifest.sizes.main.files).toContain(manifest.entry);
});

test('every widget document is valid against the schema and goes into the bundle as its id only', async () => {
  const schema = buildSchema(await readFile(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8'));
  const files = (await readdir(DOCUMENTS)).filter((f) => f.endsWith('.graphql')).sort();
  expect(Object.keys(manifest.documents).sort()).toEqual(files.map((f) => f.replace(/\.graphql$/, '')));
  const bundle = (await Promise.all((await readdir(path.join(PROJECT_ROOT, 'dist', 'widgets', 'files'))).map((f) => readFile(path.join(PROJECT_ROOT, 'dist', 'widgets', 'files', f), 'utf8')))).join('\n');
  for (const file of files) {
    const text = await readFile(path.join(DOCUMENTS, file), 'utf8');
    const document = parse(text);
    expect({ file, errors: validate(schema, document).map((e) => e.message) }).toEqual({ file, errors: [] });
    expect(document.definitions).toHaveLength(1); // one document per file
    const id = manifest.documents[file.replace(/\.graphql$/, '')]!;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bundle).toContain(id);
    const name = (document.definitions[0] as { name?: { value: string } }).name!.value;
    expect(bundle).not.toContain(`query ${name}`);
  }
});

test('/widgets/v1/maillage.js is a moving entry with a short cache; the hashed files behind it are immutable', async () => {
  const entry = await fetch(`${api.url}/widgets/v1/maillage.js`);
  expect(entry.status).toBe(200);
  expect(entry.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(entry.headers.get('cache-control')).toBe(ENTRY_CACHE);
  expect(entry.headers.get('access-control-allow-origin')).toBe('*');
  expect(entry.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  expect(await entry.text()).toBe(`export * from './${manifest.entry}';\n`);
  const etag = entry.headers.get('etag')!;
  expect((await fetch(`${api.url}/widgets/v1/maillage.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);

  for (const file of [...manifest.sizes.main.files, ...manifest.sizes.map.files]) {
    const response = await fetch(`${api.url}/widgets/v1/${file}`);
    expect({ file, status: response.status }).toEqual({ file, status: 200 });
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE_CACHE);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-encoding')).toBe('gzip'); // fetch asks for gzip
    await response.arrayBuffer();
  }
  expect(IMMUTABLE_CACHE).toMatch(/max-age=31536000.*immutable/);
  expect((await fetch(`${api.url}/widgets/v1/maillage-OLDHASH.js`)).status).toBe(404);
  expect((await fetch(`${api.url}/widgets/v1/..%2F..%2Fpackage.json`)).status).toBe(404);
  expect((await fetch(`${api.url}/widgets/v1/maillage.js`, { method: 'POST' })).status).toBe(405);
});

test('embed pages can be framed by any site, carry a CSP, and pass on only known attributes, escaped', async () => {
  const response = await fetch(`${api.url}/embed/map?region=32&as-of=2019-06-01&lang=en&evil=1`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toBe(EMBED_CSP);
  expect(EMBED_CSP).toContain('frame-ancestors *');
  expect(EMBED_CSP).toContain("script-src 'self'");
  expect(EMBED_CSP).not.toMatch(/unsafe-(eval|inline)/);
  expect(response.headers.get('x-frame-options')).toBeNull();
  const html = await response.text();
  expect(html).toContain('<html lang="en" data-maillage-embed>');
  expect(html).toContain('<maillage-map lang="en" region="32" as-of="2019-06-01"></maillage-map>');
  expect(html).toContain(`<script type="module" src="/widgets/v1/${manifest.entry}"></script>`);
  expect(html).not.toContain('evil');

  const card = await (await fetch(`${api.url}/embed/ecosystem/french-tech-lille?as-of=2019-06-01`)).text();
  expect(card).toContain('<maillage-ecosystem lang="fr" slug="french-tech-lille" as-of="2019-06-01"></maillage-ecosystem>');
  const injected = await fetch(`${api.url}/embed/events?ecosystem=${encodeURIComponent('"><script>alert(1)</script>')}`);
  expect(injected.status).toBe(400);
  expect((await fetch(`${api.url}/embed/ecosystem`)).status).toBe(404);
  expect((await fetch(`${api.url}/embed/nothing`)).status).toBe(404);
  // the playground stays unframeable
  expect((await fetch(`${api.url}/playground`)).headers.get('x-frame-options')).toBe('DENY');
  // the gallery is maillage's own page: not frameable either
  const gallery = await fetch(`${api.url}/widgets`);
  expect(gallery.status).toBe(200);
  expect(gallery.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  const text = await gallery.text();
  for (const element of ['maillage-map', 'maillage-ecosystem', 'maillage-programmes', 'maillage-events']) expect(text).toContain(`&lt;${element}`);
  expect(text).toContain(`script-src ${api.url}`);
});

test('the widgets\' requests are simple cross-origin GETs that browsers and CDNs may cache', async () => {
  const samples: Record<string, Record<string, unknown>> = {
    'widget-ecosystem': { slug: 'french-tech-lille', asOf: '2019-06-01' },
    'widget-events': { filter: { from: '2019-01-01' }, first: 100 }, // the upcoming list asks for 100
    'widget-programmes': { input: { communeCode: '67482', headcount: 12 }, lang: 'FR' },
    'widget-communes': { prefix: 'stras' },
    'widget-map': { asOf: '2019-06-01', filter: { regionCode: '32', hubs: false } },
  };
  expect(Object.keys(samples).sort()).toEqual(Object.keys(manifest.documents).sort());
  for (const [name, variables] of Object.entries(samples)) {
    const response = await fetch(`${api.url}/graphql?documentId=${manifest.documents[name]}&variables=${encodeURIComponent(JSON.stringify(variables))}`, {
      headers: { origin: 'http://partner.example' },
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: { cost?: { requested: number; limit: number } } };
    expect({ name, status: response.status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
    // well under the edge's cost limit, so a partner page never meets it
    const cost = body.extensions?.cost;
    if (cost) expect({ name, half: cost.requested <= cost.limit / 2 }).toEqual({ name, half: true });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect({ name, cache: response.headers.get('cache-control') }).toEqual({ name, cache: expect.stringMatching(/^public, max-age=\d+/) });
    expect(response.headers.get('etag')).toBeTruthy();
  }
});

test('the widget documents take the language as a variable: the answer follows $lang, not Accept-Language', async () => {
  const descriptions = async (lang: string, acceptLanguage: string) => {
    const variables = encodeURIComponent(JSON.stringify({ input: { communeCode: '67482', headcount: 12 }, lang }));
    const response = await fetch(`${api.url}/graphql?documentId=${manifest.documents['widget-programmes']}&variables=${variables}`, { headers: { 'accept-language': acceptLanguage } });
    const body = (await response.json()) as { data: { programmeFinder: { programme: { slug: string; description: string | null } }[] } };
    return Object.fromEntries(body.data.programmeFinder.map((m) => [m.programme.slug, m.programme.description]));
  };
  const english = await descriptions('EN', 'fr');
  const french = await descriptions('FR', 'en');
  const [slug] = Object.keys(english);
  const { programme } = await api.data(`query($slug: String!) { programme(slug: $slug) { fr: description(lang: FR) en: description(lang: EN) } }`, { slug });
  expect(programme.en).not.toBe(programme.fr);
  expect(english[slug!]).toBe(programme.en);
  expect(french[slug!]).toBe(programme.fr);
});
