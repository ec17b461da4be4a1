import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { SEEDS_DIR } from '../src/seeding/load-seeds.js';
import { labelPeriod, type CampaignPeriod } from '../src/ecosystems/label-period.js';
import { parsePartialDate } from '../src/shared/partial-date.js';
import { startTestApi, type TestApi } from './support/app.js';

/**
 * Certainty (issue 10): what the network is on a date, how much of it the data names against the
 * official counts, and nothing claimed beyond the sources — no label in force before its campaign,
 * "not found" served as UNCONFIRMED rather than EXPIRED, and dates after the last sourced period
 * answered with the last confirmed state, flagged.
 */
let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

/**
 * Official counts on key dates, with the figure records (seeds/figures.yaml) and the sources they cite.
 * `namedAtLeast`: what the data named when this table was written (the public record only grows; the
 * exact count is checked against the seed files below).
 */
const TABLE = [
  // 3 April 2019, the second generation: 13 capitals, 38 communities in France, 48 abroad (ipreunion, Gazette des communes).
  { asOf: '2019-04-03', kind: 'CAPITAL', inFrance: true, official: 13, source: 'gazette-communes-2019-deuxieme-generation', namedAtLeast: 13 },
  { asOf: '2019-04-03', kind: 'COMMUNITY', inFrance: true, official: 38, source: 'ipreunion-2019-04-03', namedAtLeast: 18 },
  { asOf: '2019-04-03', kind: 'COMMUNITY', inFrance: false, official: 48, source: 'ipreunion-2019-04-03', namedAtLeast: 0 },
  // 21 April 2021, nine new communities: 45 in France, 63 abroad (L'Usine digitale).
  { asOf: '2021-05-01', kind: 'CAPITAL', inFrance: true, official: 13, source: 'gazette-communes-2019-deuxieme-generation', namedAtLeast: 13 },
  { asOf: '2021-05-01', kind: 'COMMUNITY', inFrance: true, official: 45, source: 'usine-digitale-2021-04-9-communautes', namedAtLeast: 22 },
  { asOf: '2021-05-01', kind: 'COMMUNITY', inFrance: false, official: 63, source: 'usine-digitale-2021-04-9-communautes', namedAtLeast: 7 },
  // 22 September 2022, the call for 2023: 13 + 43 + 63 (economie.gouv.fr).
  { asOf: '2022-10-01', kind: 'CAPITAL', inFrance: true, official: 13, source: 'economie-gouv-2022-09-22', namedAtLeast: 13 },
  { asOf: '2022-10-01', kind: 'COMMUNITY', inFrance: true, official: 43, source: 'economie-gouv-2022-09-22', namedAtLeast: 22 },
  { asOf: '2022-10-01', kind: 'COMMUNITY', inFrance: false, official: 63, source: 'economie-gouv-2022-09-22', namedAtLeast: 7 },
  // 2 February 2023, the 2023–2025 period: 16 + 32 + 67 (official labelling page).
  { asOf: '2023-06-01', kind: 'CAPITAL', inFrance: true, official: 16, source: 'lafrenchtech-labeling-2023', namedAtLeast: 16 },
  { asOf: '2023-06-01', kind: 'COMMUNITY', inFrance: true, official: 32, source: 'lafrenchtech-labeling-2023', namedAtLeast: 14 },
  { asOf: '2023-06-01', kind: 'COMMUNITY', inFrance: false, official: 67, source: 'lafrenchtech-labeling-2023', namedAtLeast: 8 },
  // After December 2023 (Val de Loire, the 17th capital): 17 + 31 + 66 (the Mission's presentation page; 31 is contested).
  { asOf: '2024-06-01', kind: 'CAPITAL', inFrance: true, official: 17, source: 'latribune-2023-12-val-de-loire', namedAtLeast: 17 },
  { asOf: '2024-06-01', kind: 'COMMUNITY', inFrance: true, official: 31, source: 'lafrenchtech-gouv-mission', namedAtLeast: 14 },
  { asOf: '2024-06-01', kind: 'COMMUNITY', inFrance: false, official: 66, source: 'lafrenchtech-gouv-mission', namedAtLeast: 8 },
];

const COVERAGE = `query Coverage($asOf: LocalDate) { network(asOf: $asOf) {
  asOf stateOn confirmedUntil confirmed
  capitals { slug }
  coverage { kind inFrance named officialCount official { value sources { slug } } }
} }`;

/** A second, independent count from the seed files: labels of a kind in force on a day, by the campaign rule. */
async function namedInSeeds(): Promise<(asOf: string, kind: string, inFrance: boolean) => number> {
  const docs: any[] = [];
  for (const file of [...await readdir(SEEDS_DIR), ...(await readdir(path.join(SEEDS_DIR, 'ecosystems'))).map((f) => `ecosystems/${f}`)]) {
    if (file.endsWith('.yaml')) docs.push(YAML.parse(await readFile(path.join(SEEDS_DIR, file), 'utf8')));
  }
  const campaigns = new Map<string, CampaignPeriod>(docs.flatMap((d) => d.campaigns ?? []).map((c: any) => [c.slug, {
    periodStart: c.periodStart ? parsePartialDate(c.periodStart)!.date : null, periodEnd: c.periodEnd ? parsePartialDate(c.periodEnd)!.date : null,
    announcedOn: c.announcedOn ? parsePartialDate(c.announcedOn)!.date : null, announcedOnPrecision: c.announcedOn ? parsePartialDate(c.announcedOn)!.precision : null,
  }]));
  const ecosystems = docs.flatMap((d) => d.ecosystems ?? []);
  return (asOf, kind, inFrance) => ecosystems.filter((e) => ((e.country ?? 'FR') === 'FR') === inFrance && (e.labels ?? []).some((l: any) => {
    const p = labelPeriod(l.validFrom, l.validTo, l.campaign ? campaigns.get(l.campaign)! : null);
    return l.kind === kind && l.status !== 'WITHDRAWN' && p.validFrom <= asOf && (p.validTo === null || asOf <= p.validTo);
  })).length;
}

describe('coverage: the labels the data names against the official figures', () => {
  test.each([...new Set(TABLE.map((r) => r.asOf))])('on %s, per kind and place, the official count is the figure\'s value and source', async (asOf) => {
    const { network } = await api.data(COVERAGE, { asOf });
    const named = await namedInSeeds();
    for (const row of TABLE.filter((r) => r.asOf === asOf)) {
      const coverage = network.coverage.find((c: any) => c.kind === row.kind && c.inFrance === row.inFrance);
      expect({ ...row, officialCount: coverage.officialCount }).toEqual({ ...row, officialCount: row.official });
      expect(coverage.official.value).toBe(row.official);
      expect(coverage.official.sources.map((s: any) => s.slug)).toContain(row.source);
      expect(coverage.named).toBeGreaterThanOrEqual(row.namedAtLeast);
      expect(coverage.named).toBe(named(asOf, row.kind, row.inFrance));
      expect(coverage.named).toBeLessThanOrEqual(row.official);
    }
  });

  test('the map says the same as the network', async () => {
    const data = await api.data(`{ nationalMap(asOf: "2023-06-01") { stateOn confirmed coverage { kind inFrance named officialCount } }
      network(asOf: "2023-06-01") { coverage { kind inFrance named officialCount } } }`);
    expect(data.nationalMap.coverage).toEqual(data.network.coverage);
    expect(data.nationalMap).toMatchObject({ stateOn: '2023-06-01', confirmed: true });
  });
});

describe('a label counts from its campaign, and its end is stated as sources state it', () => {
  test('no label in force before the campaign that granted it: a community dated "2019" counts from 3 April 2019', async () => {
    const { network } = await api.data(`{ network(asOf: "2019-04-02") { communities { slug } capitals { slug } } }`);
    expect(network).toEqual({ communities: [], capitals: [] });
    const { ecosystem } = await api.data(`{ ecosystem(slug: "french-tech-pau-bearn") { labels { validFrom start { date precision text } campaign { slug } } } }`);
    expect(ecosystem.labels[0]).toEqual({
      validFrom: '2019-04-03', start: { date: '2019-01-01', precision: 'YEAR', text: '2019' }, campaign: { slug: 'capitals-communities-2019' },
    });
  });

  test('the 2023–2025 labels end with their period, 2025-12-31 (official labelling page)', async () => {
    const { ecosystem } = await api.data(`{ ecosystem(slug: "french-tech-bordeaux") { labels { validTo end { text } campaign { slug periodEnd sources { slug } } } } }`);
    const label = ecosystem.labels.find((l: any) => l.campaign.slug === 'capitals-communities-2023-2025');
    expect(label).toMatchObject({ validTo: '2025-12-31', end: { text: '2025-12-31' }, campaign: { periodEnd: '2025-12-31' } });
    expect(label.campaign.sources.map((s: any) => s.slug)).toContain('lafrenchtech-labeling-2023');
  });

  test('a label whose renewal no source confirms is UNCONFIRMED after its period, not EXPIRED; a renewed or ended one is EXPIRED', async () => {
    const status = `labels { campaign { slug } endConfirmed status(asOf: "2023-06-01") }`;
    const data = await api.data(`{
      littoral: ecosystem(slug: "french-tech-littoral-hauts-de-france") { ${status} }
      bordeaux: ecosystem(slug: "french-tech-bordeaux") { ${status} }
      lyon2014: ecosystem(slug: "lyon-french-tech") { ${status} }
    }`);
    expect(data.littoral.labels).toEqual([{ campaign: { slug: 'capitals-communities-2019' }, endConfirmed: false, status: 'UNCONFIRMED' }]);
    expect(data.bordeaux.labels.map((l: any) => l.status)).toEqual(['EXPIRED', 'ACTIVE']); // renewed in 2023
    expect(data.lyon2014.labels[0]).toMatchObject({ endConfirmed: true, status: 'EXPIRED' }); // replaced on 3 April 2019 (sourced)
    const { network } = await api.data(`{ network(asOf: "2023-06-01") { unconfirmed { slug } communities { slug } } }`);
    expect(network.unconfirmed.map((e: any) => e.slug)).toContain('french-tech-littoral-hauts-de-france');
    expect(network.communities.map((e: any) => e.slug)).not.toContain('french-tech-littoral-hauts-de-france');
  });

  test('L\'Usine Digitale\'s "renouvelé pour tous les membre du réseau" (2 February 2023) confirms no 2019 community: kept UNCONFIRMED, with a note that cites it', async () => {
    // Its own counts contradict a renewal of every member: 32 communities in France in 2023 (2 new) against 43 in
    // September 2022, 67 abroad (9 new) against 63 (figures in seeds/figures.yaml).
    const { ecosystem, source } = await api.data(`{
      ecosystem(slug: "french-tech-littoral-hauts-de-france") { labels { status(asOf: "2024-06-01") note en: note(lang: EN) sources { slug } } }
      source(slug: "usine-digitale-2023-02-reseau-2023-2025") { note(lang: EN) }
    }`);
    const [label] = ecosystem.labels;
    expect(label.status).toBe('UNCONFIRMED');
    expect(label.sources.map((s: any) => s.slug)).toEqual(expect.arrayContaining(['usine-digitale-2023-02-reseau-2023-2025', 'economie-gouv-2022-09-22']));
    expect(label.note).toContain('L\'Usine Digitale (2 février 2023)');
    expect(label.en).toMatch(/names no community, so it does not confirm this one's renewal: after 2022 the label stays UNCONFIRMED\.$/);
    expect(source.note).toMatch(/confirms the renewal of no community in particular/);
  });

  test('LORnTECH joined the IoT & Manufacturing and FinTech networks on 25 July 2016 (Grand Est Numérique), as a Métropole', async () => {
    const { ecosystem } = await api.data(`{ ecosystem(slug: "lorntech") {
      labels { kind theme validFrom validTo status(asOf: "2017-01-01") sources { slug } } } }`);
    const thematic = ecosystem.labels.filter((l: any) => l.kind === 'THEMATIC_NETWORK');
    expect(thematic.map((l: any) => l.theme).sort()).toEqual(['FinTech', 'IoT & Manufacturing']);
    for (const label of thematic) {
      expect(label).toMatchObject({ validFrom: '2016-07-25', validTo: '2019-04-02', status: 'ACTIVE' });
      expect(label.sources.map((s: any) => s.slug)).toContain('grandestnumerique-2016-07-reseaux-thematiques');
    }
  });

  test('Avignon\'s French Tech Culture was relabelled in April 2019 and renamed French Tech Grande Provence: one ecosystem, two names, two labels', async () => {
    const { ecosystem } = await api.data(`{ ecosystem(slug: "french-tech-grande-provence") {
      before: name(asOf: "2016-01-01") after: name(asOf: "2020-01-01")
      labels { kind campaign { slug } status(asOf: "2020-01-01") sources { slug } } sources { slug } } }`);
    expect(ecosystem).toMatchObject({ before: 'Avignon CultureTech', after: 'French Tech Grande Provence' });
    expect(ecosystem.labels.map((l: any) => [l.kind, l.campaign.slug, l.status])).toEqual([
      ['THEMATIC_NETWORK', 'metropoles-french-tech-2015', 'EXPIRED'], ['COMMUNITY', 'capitals-communities-2019', 'ACTIVE']]);
    expect(ecosystem.labels[1].sources.map((s: any) => s.slug)).toContain('objectifgard-2019-04-20-french-tech-grande-provence');
    expect(ecosystem.sources.map((s: any) => s.slug)).toContain('lafrenchtech-grandeprovence-histoire');
    expect((await api.data(`{ ecosystem(slug: "avignon-culturetech") { slug } }`)).ecosystem).toBeNull();
  });

  test('after the last sourced period the network is the last confirmed state, flagged and dated — not current, not gone', async () => {
    const { network } = await api.data(COVERAGE, { asOf: '2026-11-30' });
    expect(network).toMatchObject({ asOf: '2026-11-30', stateOn: '2025-12-31', confirmedUntil: '2025-12-31', confirmed: false });
    expect(network.capitals).toHaveLength(17);
    const { ecosystem } = await api.data(`{ ecosystem(slug: "french-tech-bordeaux") { label(asOf: "2026-11-30") { kind } labels { status(asOf: "2026-11-30") } } }`);
    expect(ecosystem.label).toBeNull(); // nothing is claimed in force on that day…
    expect(ecosystem.labels.map((l: any) => l.status)).toEqual(['EXPIRED', 'UNCONFIRMED']); // …nor ended
    const { nationalMap } = await api.data(`{ nationalMap(asOf: "2026-11-30", filter: { kinds: [CAPITAL], hubs: false }) { asOf stateOn confirmed points { slug } } }`);
    expect(nationalMap).toMatchObject({ asOf: '2026-11-30', stateOn: '2025-12-31', confirmed: false });
    expect(nationalMap.points).toHaveLength(17);
  });
  test('the lists of ecosystems after the last sourced period: the last confirmed state, dated, the same as network', async () => {
    const LISTS = `query($asOf: LocalDate) {
      capitals(asOf: $asOf, first: 100) { asOf stateOn confirmedUntil confirmed totalCount nodes { slug } }
      communities(asOf: $asOf, first: 100, filter: { inFrance: true }) { stateOn totalCount }
      bordeaux: ecosystems(asOf: $asOf, first: 100, filter: { parentSlug: "french-tech-bordeaux" }) { confirmed nodes { slug } }
      grandEst: ecosystems(asOf: $asOf, filter: { regionCode: "44", kinds: [CAPITAL] }) { nodes { slug } }
      network(asOf: $asOf) { stateOn capitals { slug } communities { slug countryCode } }
    }`;
    const after = await api.data(LISTS, { asOf: '2026-11-30' });
    expect(after.capitals).toMatchObject({ asOf: '2026-11-30', stateOn: '2025-12-31', confirmedUntil: '2025-12-31', confirmed: false, totalCount: 17 });
    expect(after.capitals.nodes.map((e: any) => e.slug)).toEqual(after.network.capitals.map((e: any) => e.slug).sort());
    expect(after.communities).toEqual({ stateOn: '2025-12-31', totalCount: after.network.communities.filter((e: any) => e.countryCode === 'FR').length });
    expect(after.bordeaux.confirmed).toBe(false);
    expect(after.bordeaux.nodes).toHaveLength(6); // the six Nouvelle-Aquitaine communities renewed with Bordeaux in 2023
    expect(after.grandEst.nodes.map((e: any) => e.slug)).toEqual(['french-tech-east']);
    // the same lists read on the last confirmed day itself, which a source covers
    const last = await api.data(LISTS, { asOf: '2025-12-31' });
    expect(last.capitals).toMatchObject({ asOf: '2025-12-31', stateOn: '2025-12-31', confirmed: true, totalCount: 17 });
    expect(last.bordeaux.nodes).toEqual(after.bordeaux.nodes);
    // within the sourced periods nothing moves: 13 capitals on 3 April 2019
    expect((await api.data(LISTS, { asOf: '2019-04-03' })).capitals).toMatchObject({ stateOn: '2019-04-03', confirmed: true, totalCount: 13 });
  });
});
