import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { sql } from '../src/database/sql.js';
import { loadSeeds, SEEDS_DIR } from '../src/seeding/load-seeds.js';
import { readSeeds } from '../src/seeding/read-seeds.js';
import { forgetFrenchGeography, frenchGeographyInMemory } from '../src/seeding/geography.js';
import { forgetPlaces, placesInMemory } from '../src/seeding/places.js';
import { freshDatabaseUrl, startTestApi, type TestApi } from './support/app.js';
import { roleHeaders } from './support/editing.js';

/**
 * An ecosystem's names, labels and attachments, and where a seatless one is drawn, have one mapping
 * from seed form to rows (src/ecosystems/ecosystem.record.ts). Built again through ecosystemCreate,
 * labelGrant, ecosystemAttach from the seed records the loader wrote, an ecosystem gets the same rows.
 */
let orm: MikroORM;
let api: TestApi;
let editor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  const url = await freshDatabaseUrl('ecosystem_parts');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  ({ editor, admin } = await roleHeaders(orm, 'Parts'));
  api = await startTestApi(url);
}, 120_000);
afterAll(async () => { await api?.stop(); await orm?.close(true); });

const q = <T>(text: string, params: unknown[] = []) => sql<T>(orm.em.fork(), text, params);
/** Seed dates are YAML scalars (2019, "2019-04"); the inputs take them as strings. */
const text = (value: unknown) => (value === undefined ? undefined : String(value));
const ERRORS = 'userErrors { field message }';

/** An ecosystem's rows, without what is its own (ids, positions, versions, times): citations as source slugs. */
async function rowsOf(slug: string) {
  const [ecosystem] = await q<Record<string, unknown>>(
    `select country_code, seat_id, region_code, department_code, point_territory_id, description, description_en, website from ecosystem where slug = $1`, [slug]);
  const parts = async (table: string, parent: string, columns: string, subjectType: string) => q<Record<string, unknown>>(
    `select ${columns}, (select jsonb_agg(s.slug order by c.position) from citation c join source s on s.id = c.source_id
       where c.subject_type = '${subjectType}' and c.subject_id = x.id) as sources
     from ${table} x where x.${parent} = (select id from ecosystem where slug = $1) order by x.position`, [slug]);
  return {
    ecosystem,
    names: await parts('ecosystem_name', 'ecosystem_id', 'name, valid_from::text, valid_to::text', 'EcosystemName'),
    labels: await parts('label', 'ecosystem_id', `kind, campaign_id, granted_on::text, granted_by_id, valid_from::text, valid_from_precision, valid_to::text,
      valid_to_precision, end_confirmed, status, theme, note, note_en`, 'Label'),
    attachments: await parts('attachment', 'child_id', 'parent_id, valid_from::text, valid_to::text, note, note_en', 'Attachment'),
  };
}

describe('the seed loader and the hierarchy mutations write the same rows', () => {
  // Bourgogne-Franche-Comté: a region, a label dated "2019" (its campaign's opening day) and one ending with
  // its campaign; Côte d'Azur: an area (the chef-lieu of its department with the lowest code).
  test.each(['french-tech-bourgogne-franche-comte', 'french-tech-cote-d-azur'])('%s', async (slug) => {
    const seed = (await readSeeds(SEEDS_DIR)).ecosystems.find((r) => r.data.slug === slug)!.data as Record<string, any>;
    // As a serving process holds them: not at all (this test process may have loaded seeds before).
    forgetFrenchGeography();
    forgetPlaces();
    const again = `${slug}-again`;
    const [name] = seed.names as Record<string, any>[];
    const created = await api.graphql(`mutation($input: EcosystemCreateInput!) { ecosystemCreate(input: $input) { ecosystem { id } ${ERRORS} } }`, { input: {
      slug: again, name: name!.name, nameFrom: text(name!.from), sources: seed.sources, description: seed.description, descriptionEn: seed.descriptionEn,
      website: seed.website, territories: (seed.territories as string[]).map((t) => ({ [t.split(':')[0]!]: t.split(':')[1] })),
    } }, editor);
    expect(created.body.data.ecosystemCreate.userErrors).toEqual([]);
    // Drawing it at its chef-lieu read both datasets (~90 MB), and let them go again.
    expect({ geography: frenchGeographyInMemory(), places: placesInMemory() }).toEqual({ geography: false, places: false });
    const id = created.body.data.ecosystemCreate.ecosystem.id;
    const campaignVersions = () => q<{ slug: string; version: number }>(`select slug, version from campaign order by slug`);
    const campaignsBefore = await campaignVersions();
    for (const l of seed.labels as Record<string, any>[]) {
      const granted = await api.graphql(`mutation($input: LabelGrantInput!) { labelGrant(input: $input) { ${ERRORS} } }`, { input: {
        ecosystemId: id, kind: l.kind, campaign: l.campaign, grantedOn: text(l.grantedOn), grantedBy: l.grantedBy, validFrom: text(l.validFrom),
        validTo: text(l.validTo), endConfirmed: l.endConfirmed, theme: l.theme, note: l.note, noteEn: l.noteEn, sources: l.sources,
      } }, admin);
      expect(granted.body.data.labelGrant.userErrors).toEqual([]);
    }
    // labelGrant reads its campaign's period through the entity, and leaves the campaign as it was.
    expect(await campaignVersions()).toEqual(campaignsBefore);
    // The mutations give a name or an attachment an end only by a later change: those with one are left out.
    const open = ((seed.attachments ?? []) as Record<string, any>[]).filter((a) => a.to === undefined);
    for (const a of open) {
      const [current] = await q<{ version: number }>(`select version from ecosystem where slug = $1`, [again]);
      const attached = await api.graphql(`mutation($input: EcosystemAttachInput!) { ecosystemAttach(input: $input) { ${ERRORS} } }`, { input: {
        id, expectedVersion: current!.version, parent: a.parent, from: text(a.from), note: a.note, noteEn: a.noteEn, sources: a.sources,
      } }, admin);
      expect(attached.body.data.ecosystemAttach.userErrors).toEqual([]);
    }

    const loaded = await rowsOf(slug);
    const built = await rowsOf(again);
    expect(built.ecosystem).toEqual(loaded.ecosystem);
    expect(loaded.ecosystem!.point_territory_id).not.toBeNull();
    expect(built.labels).toEqual(loaded.labels);
    expect(built.attachments).toEqual(loaded.attachments.filter((a) => a.valid_to === null));
    if (name!.to === undefined) expect(built.names).toEqual(loaded.names);
    else expect(built.names).toEqual([{ ...loaded.names[0], valid_to: null }]);
    expect(built.labels.length + built.names.length).toBeGreaterThan(1);
  });
});
