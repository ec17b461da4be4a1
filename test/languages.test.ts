import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { createToken } from '../src/auth/tokens.js';
import { readSeedForms } from '../src/seeding/seed-forms.js';
import { Language, languageOf } from '../src/graphql/language.js';
import type { ResponseCache } from '../src/edge/response-cache.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';

/**
 * Issue 10, "Language": event descriptions, association missions, programme descriptions and eligibility
 * notes are held in French with English kept as a translation; the API serves French by default,
 * English on request (`lang` or Accept-Language), falls back to the other language rather than null,
 * and search finds both. The response cache never serves an answer made for one language to a request
 * in the other.
 */
let orm: MikroORM;
let api: TestApi;
let editor: Record<string, string>;

beforeAll(async () => {
  const url = await freshDatabaseUrl('languages');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  editor = { authorization: `Bearer ${(await createToken(orm.em.fork(), { name: 'Editor Languages', role: 'editor' })).token}` };
  process.env.MAILLAGE_RESPONSE_CACHE_MB = '16';
  process.env.MAILLAGE_RESPONSE_CACHE_POST = 'true';
  api = await startTestApi(url, { edge: { rateLimit: false } });
}, 120_000);
afterAll(async () => {
  delete process.env.MAILLAGE_RESPONSE_CACHE_MB;
  delete process.env.MAILLAGE_RESPONSE_CACHE_POST;
  await api?.stop();
  await orm?.close(true);
});

const TEXTS = `{ event(slug: "gen1-2013") { description } association(slug: "cap-numeric") { mission } }`;
const get = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/graphql?${new URLSearchParams({ query })}`, { headers: { 'accept-encoding': 'identity', ...headers } });

describe('Accept-Language', () => {
  test.each([
    [undefined, Language.FR], ['fr-FR,fr;q=0.9', Language.FR], ['en', Language.EN], ['en-GB,en;q=0.9,fr;q=0.8', Language.EN],
    ['fr;q=0.5,en;q=0.8', Language.EN], ['de-DE,de;q=0.9', Language.FR], ['*', Language.FR], ['en;q=0', Language.FR], ['de, en;q=0.3, fr;q=0.2', Language.EN],
  ])('%s gives %s', (header, expected) => {
    expect(languageOf(header)).toBe(expected);
  });
});

describe('French by default, English on request', () => {
  test('without Accept-Language the texts are French, and the answer says so', async () => {
    const response = await api.graphql(TEXTS);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.event.description).toMatch(/^Première rencontre des professionnels du numérique de la Grande Région/);
    expect(response.body.data.association.mission).toMatch(/^Réseau des acteurs du numérique de la Côte d'Opale/);
    const raw = await get(TEXTS);
    expect(raw.headers.get('content-language')).toBe('fr');
  });

  test('Accept-Language preferring English serves the English translation; other languages get French', async () => {
    const english = await api.graphql(TEXTS, undefined, { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(english.body.data.event.description).toMatch(/^First meeting of the digital professionals of the Grande Région/);
    expect(english.body.data.association.mission).toMatch(/^Network of digital actors of the Côte d'Opale/);
    expect((await get(TEXTS, { 'accept-language': 'en' })).headers.get('content-language')).toBe('en');
    const german = await api.graphql(TEXTS, undefined, { 'accept-language': 'de' });
    expect(german.body.data.event.description).toMatch(/^Première rencontre/);
  });

  test('the lang argument wins over Accept-Language, field by field', async () => {
    const { body } = await api.graphql(`{ event(slug: "gen1-2013") { fr: description(lang: FR) en: description(lang: EN) default: description }
      association(slug: "cap-numeric") { mission(lang: EN) } }`, undefined, { 'accept-language': 'fr' });
    expect(body.errors).toBeUndefined();
    expect(body.data.event.fr).toMatch(/^Première rencontre/);
    expect(body.data.event.en).toMatch(/^First meeting/);
    expect(body.data.event.default).toBe(body.data.event.fr);
    expect(body.data.association.mission).toMatch(/^Network of digital actors/);
  });

  test('programme descriptions and eligibility notes follow the same rule', async () => {
    const QUERY = `{ programme(slug: "french-tech-ticket") { description eligibility { note en: note(lang: EN) } } }`;
    const french = await api.graphql(QUERY);
    expect(french.body.errors).toBeUndefined();
    expect(french.body.data.programme).toEqual({
      description: expect.stringMatching(/^Dispositif d'accueil des entrepreneurs étrangers lancé en 2015/),
      eligibility: { note: "Entrepreneurs étrangers porteurs d'un projet innovant à implanter en France.", en: 'Foreign entrepreneurs with an innovative project to set up in France.' },
    });
    const english = await api.graphql(QUERY, undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.body.data.programme.description).toMatch(/^Welcome package for foreign entrepreneurs launched in 2015/);
    expect(english.body.data.programme.eligibility.note).toBe('Foreign entrepreneurs with an innovative project to set up in France.');
  });

  test('every seeded translated text exists in both languages, and they differ', async () => {
    const [row] = await orm.em.fork().getConnection().execute(`
      select (select count(*) from event where description is not null and (description_en is null or description_en = description))::int as events,
             (select count(*) from association where mission is not null and (mission_en is null or mission_en = mission))::int as associations,
             (select count(*) from programme where description is not null and (description_en is null or description_en = description))::int as programmes,
             (select count(*) from programme where eligibility_note is not null and (eligibility_note_en is null or eligibility_note_en = eligibility_note))::int as eligibility,
             (select count(*) from institution where description is not null and (description_en is null or description_en = description))::int as institutions,
             (select count(*) from hub where description is not null and (description_en is null or description_en = description))::int as hubs,
             (select count(*) from campaign where description is not null and (description_en is null or description_en = description))::int as campaigns,
             (select count(*) from ecosystem where description is not null and (description_en is null or description_en = description))::int as ecosystems`);
    expect(row).toEqual({ events: 0, associations: 0, programmes: 0, eligibility: 0, institutions: 0, hubs: 0, campaigns: 0, ecosystems: 0 });
  });

  test('ecosystem descriptions too: French by default, English with lang: EN or Accept-Language: en', async () => {
    const QUERY = `{ ecosystem(slug: "la-french-tech") { description en: description(lang: EN) fr: description(lang: FR) } }`;
    const { body } = await api.graphql(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.ecosystem.description).toMatch(/^Le réseau et label national créé le 27 novembre 2013 par Fleur Pellerin/);
    expect(body.data.ecosystem.en).toMatch(/^The national network and label created on 27 November 2013 by Fleur Pellerin/);
    const english = await api.graphql(QUERY, undefined, { 'accept-language': 'en' });
    expect(english.body.data.ecosystem.description).toBe(body.data.ecosystem.en);
    expect(english.body.data.ecosystem.fr).toBe(body.data.ecosystem.description);
  });

  test('campaign descriptions too', async () => {
    const QUERY = `{ campaigns { description en: description(lang: EN) } }`;
    const { body } = await api.graphql(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.campaigns.at(-1).description).toMatch(/^Annoncé depuis Dijon par Jean-Noël Barrot le 2 février 2023/);
    expect(body.data.campaigns.at(-1).en).toMatch(/^Announced from Dijon by Jean-Noël Barrot on 2 February 2023/);
  });

  test('hubs and institutions too; a "#" in a text is kept whole in both languages', async () => {
    const QUERY = `{ hub(slug: "cescom-metz") { description } institution(slug: "cescom") { description en: description(lang: EN) } }`;
    const { body } = await api.graphql(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.hub.description).toBe('Lieu de #GEN1 (15 octobre 2013), avec un auditorium pour les tables rondes et un espace pour le réseautage.');
    expect(body.data.institution.description).toMatch(/^L'un des principaux partenaires de Grand Est Numérique, qui a accueilli #GEN1 dans son auditorium/);
    expect(body.data.institution.en).toBe('One of the main partners of Grand Est Numérique, which hosted #GEN1 in its auditorium in Metz (the article does not say what kind of body it is).');
    const english = await api.graphql(QUERY, undefined, { 'accept-language': 'en' });
    expect(english.body.data.hub.description).toBe('Venue of #GEN1 (15 Oct 2013), with an auditorium for round tables and space for networking.');
  });
});

describe('edits', () => {
  const CREATE = `mutation($input: AssociationCreateInput!) { associationCreate(input: $input) {
    association { id fr: mission(lang: FR) en: mission(lang: EN) } userErrors { field message } } }`;
  const UPDATE = `mutation($input: AssociationUpdateInput!) { associationUpdate(input: $input) {
    association { fr: mission(lang: FR) en: mission(lang: EN) } userErrors { field message } } }`;

  test('a text in one language only is served in both (never null); the translation can be added, searched and exported', async () => {
    const created = await api.graphql(CREATE, { input: {
      slug: 'numerique-quokka', name: 'Numérique Quokka', legalForm: 'UNKNOWN', missionEn: 'Gathers the wombat developers of the coast.', sources: ['article-littoral-hdf-2019'],
    } }, editor);
    expect(created.body.errors).toBeUndefined();
    const { id, ...texts } = created.body.data.associationCreate.association;
    expect(texts).toEqual({ fr: 'Gathers the wombat developers of the coast.', en: 'Gathers the wombat developers of the coast.' });

    const updated = await api.graphql(UPDATE, { input: { id, expectedVersion: 1, mission: 'Rassemble les développeurs ornithorynques du littoral.', sources: ['article-littoral-hdf-2019'] } }, editor);
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data.associationUpdate).toEqual({ association: { fr: 'Rassemble les développeurs ornithorynques du littoral.', en: 'Gathers the wombat developers of the coast.' }, userErrors: [] });

    // The mutation's index refresh covers both languages: a French word and an English word find it.
    const SEARCH = `query($q: String!) { search(query: $q, kinds: [ASSOCIATION]) { node { ... on Association { slug } } } }`;
    for (const q of ['ornithorynques', 'wombat']) {
      const { body } = await api.graphql(SEARCH, { q });
      expect(body.data.search.map((h: any) => h.node.slug)).toContain('numerique-quokka');
    }

    // The export writes both, as the seed files hold them.
    const forms = await readSeedForms(orm.em.fork(), new Map());
    expect(forms.associations.get('numerique-quokka')?.data).toMatchObject({ mission: 'Rassemble les développeurs ornithorynques du littoral.', missionEn: 'Gathers the wombat developers of the coast.' });
  });
});

describe('notes, funding notes and area descriptions', () => {
  const QUERY = `{
    ecosystem(slug: "french-tech-littoral-hauts-de-france") { parentLinks { note en: note(lang: EN) } }
    campaigns { slug note en: note(lang: EN) }
    source(slug: "geonames-cities-json") { note en: note(lang: EN) }
    programme(slug: "french-tech-ticket") { funding { note en: note(lang: EN) } }
    territory(slug: "area-calaisis") { description en: description(lang: EN) }
  }`;

  test('the caveats the API serves are French by default, English with lang: EN or Accept-Language: en', async () => {
    const { body } = await api.graphql(QUERY);
    expect(body.errors).toBeUndefined();
    const d = body.data;
    expect(d.ecosystem.parentLinks[0]).toEqual({
      note: "L'article range Littoral Hauts-de-France parmi les communautés de la région de la Capitale French Tech Lille. Close avec le label de 2019.",
      en: 'The article lists Littoral Hauts-de-France among the communities of the region of the Capitale French Tech Lille. Closed with the 2019 label.',
    });
    const campaign = d.campaigns.find((c: any) => c.slug === 'capitals-communities-2019');
    expect(campaign.note).toMatch(/^Labels accordés pour trois ans ; la période suivante a commencé le 1er janvier 2023/);
    expect(campaign.en).toMatch(/^Labels granted for three years; the next period started on 1 January 2023/);
    expect(d.source.note).toMatch(/^Données CC BY 4\.0 \(GeoNames\)\. Le point de chaque localité/);
    expect(d.source.en).toMatch(/^Data CC BY 4\.0 \(GeoNames\)\. The point of every locality/);
    expect(d.programme.funding).toEqual({
      note: "Par membre de l'équipe projet, versée par Bpifrance (12 500 € par semestre, renouvelable une fois).",
      en: 'Per member of the project team, paid by Bpifrance (€12,500 per six months, renewable once).',
    });
    expect(d.territory).toEqual({ description: "Secteur autour de Calais, sur la Côte d'Opale.", en: "Area around Calais, on the Côte d'Opale." });

    const english = await api.graphql(QUERY, undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.body.data.ecosystem.parentLinks[0].note).toBe(d.ecosystem.parentLinks[0].en);
    expect(english.body.data.source.note).toBe(d.source.en);
    expect(english.body.data.programme.funding.note).toBe(d.programme.funding.en);
    expect(english.body.data.territory.description).toBe(d.territory.en);
    const french = await api.graphql(`{ source(slug: "geonames-cities-json") { note(lang: FR) } }`, undefined, { 'accept-language': 'en' });
    expect(french.body.data.source.note).toBe(d.source.note);
  });

  test('every seeded note (and funding note, and area description) has its English translation', async () => {
    const tables = ['source', 'campaign', 'ecosystem', 'label', 'attachment', 'association', 'institution', 'hub', 'programme', 'event', 'person', 'partnership', 'figure'];
    const [row] = await orm.em.fork().getConnection().execute(`select
      ${tables.map((t) => `(select count(*) from ${t} where note is not null and note_en is null)::int as ${t}`).join(', ')},
      (select count(*) from programme where funding_note is not null and funding_note_en is null)::int as funding,
      (select count(*) from territory where kind = 'AREA' and description is not null and description_en is null)::int as areas,
      (select count(*) from label where note is not null)::int as "labelNotes"`);
    const { labelNotes, ...untranslated } = row;
    expect(labelNotes).toBeGreaterThan(100);
    expect(untranslated).toEqual(Object.fromEntries(Object.keys(untranslated).map((key) => [key, 0])));
  });

  test.each(['lieu habité', 'populated place'])('search finds a source by its note in either language ("%s")', async (q) => {
    const { body } = await api.graphql(`query($q: String!) { search(query: $q, kinds: [SOURCE]) { node { ... on Source { slug } } } }`, { q });
    expect(body.errors).toBeUndefined();
    expect(body.data.search.map((h: any) => h.node.slug)).toContain('geonames-cities-json');
  });
});

describe('notes written through the API', () => {
  test('a source created with a note in both languages serves each on request and exports both', async () => {
    const created = await api.graphql(`mutation($input: SourceCreateInput!) { sourceCreate(input: $input) {
      source { slug fr: note(lang: FR) en: note(lang: EN) } userErrors { field message } } }`, { input: {
      slug: 'source-notes-bilingues', title: 'Notes bilingues', publisher: 'Test', kind: 'PRESS_ARTICLE', url: 'https://example.org/notes',
      note: 'Page non datée ; le titre est lu dans son adresse.', noteEn: 'Undated page; the title is read from its address.',
    } }, editor);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.sourceCreate).toEqual({
      source: { slug: 'source-notes-bilingues', fr: 'Page non datée ; le titre est lu dans son adresse.', en: 'Undated page; the title is read from its address.' }, userErrors: [],
    });
    const english = await api.graphql(`{ source(slug: "source-notes-bilingues") { note } }`, undefined, { 'accept-language': 'en' });
    expect(english.body.data.source.note).toBe('Undated page; the title is read from its address.');
    const forms = await readSeedForms(orm.em.fork(), new Map());
    expect(forms.sources.get('source-notes-bilingues')?.data).toMatchObject({
      note: 'Page non datée ; le titre est lu dans son adresse.', noteEn: 'Undated page; the title is read from its address.',
    });
  });
});

describe('search finds both languages', () => {
  test.each(['fédère', 'federates'])('"%s" finds the Côte d\'Opale community', async (q) => {
    const { body } = await api.graphql(`query($q: String!) { search(query: $q, kinds: [ECOSYSTEM]) { node { ... on Ecosystem { slug } } } }`, { q });
    expect(body.errors).toBeUndefined();
    expect(body.data.search.map((h: any) => h.node.slug)).toContain('french-tech-littoral-hauts-de-france');
  });

  test.each(['titre de séjour', 'residence permit'])('"%s" finds the French Tech Visa', async (q) => {
    const { body } = await api.graphql(`query($q: String!) { search(query: $q, kinds: [PROGRAMME]) { node { ... on Programme { slug } } } }`, { q });
    expect(body.errors).toBeUndefined();
    expect(body.data.search.map((h: any) => h.node.slug)).toContain('french-tech-visa');
  });

  const SEARCH = `query($q: String!) { search(query: $q, kinds: [EVENT]) { snippet node { ... on Event { slug } } } }`;
  test.each(['réseautage', 'networking', 'tables rondes', 'round tables'])('"%s" finds #GEN1', async (q) => {
    const { body } = await api.graphql(SEARCH, { q });
    expect(body.errors).toBeUndefined();
    expect(body.data.search.map((h: any) => h.node.slug)).toContain('gen1-2013');
  });
});

describe('caching by language', () => {
  const QUERY = `{ event(slug: "annonce-capitales-communautes-2019") { description } }`;

  test('an answer stored for one language is never served to the other (GET and POST); Vary names Accept-Language', async () => {
    const stats = (api.app.server as unknown as { responseCache: ResponseCache }).responseCache.stats;
    const hitsBefore = stats.hits;
    const english = await get(QUERY, { 'accept-language': 'en' });
    expect(english.headers.get('vary')).toMatch(/Accept-Language/);
    expect(english.headers.get('content-language')).toBe('en');
    expect(((await english.json()) as any).data.event.description).toMatch(/^Cédric O and Kat Borlongan announced/);
    // The same URL again in English is a hit; in French (or with no header) it is French.
    const again = await get(QUERY, { 'accept-language': 'en' });
    expect(((await again.json()) as any).data.event.description).toMatch(/announced/);
    for (const headers of [{ 'accept-language': 'fr' }, {}, { 'accept-language': 'fr-CA,fr;q=0.9' }] as Record<string, string>[]) {
      const french = await get(QUERY, headers);
      expect(french.headers.get('content-language')).toBe('fr');
      expect(french.headers.get('vary')).toMatch(/Accept-Language/);
      expect(((await french.json()) as any).data.event.description).toMatch(/^Cédric O et Kat Borlongan ont annoncé/);
    }
    const englishAgain = await get(QUERY, { 'accept-language': 'en-US' });
    expect(englishAgain.headers.get('content-language')).toBe('en');
    expect(((await englishAgain.json()) as any).data.event.description).toMatch(/^Cédric O and Kat Borlongan announced/);
    expect(stats.hits - hitsBefore).toBeGreaterThanOrEqual(3); // the cache was in play: repeats were served from it

    const POST = `{ association(slug: "rhenatic") { mission } }`;
    for (const [header, expected] of [['en', /^High-tech cluster/], ['fr', /^Cluster high-tech/], ['en', /^High-tech cluster/], [undefined, /^Cluster high-tech/]] as const) {
      const { body } = await api.graphql(POST, undefined, header ? { 'accept-language': header } : {});
      expect(body.data.association.mission).toMatch(expected);
    }
  });
});
