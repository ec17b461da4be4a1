import type { EntityData, EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReferenceResolver } from '../editing/references.js';
import type { EditableEntity } from '../editing/records.js';
import { Association } from '../associations/association.entity.js';
import { associationRecord, CARRIES } from '../associations/association.record.js';
import { Event } from '../events/event.entity.js';
import { EVENT_ECOSYSTEMS, EVENT_ORGANISERS, eventRecord } from '../events/event.record.js';
import { Figure } from '../figures/figure.entity.js';
import { figureKey, figureRecord } from '../figures/figure.record.js';
import { Hub } from '../hubs/hub.entity.js';
import { HUB_ECOSYSTEMS, hubRecord } from '../hubs/hub.record.js';
import { Institution } from '../institutions/institution.entity.js';
import { institutionRecord } from '../institutions/institution.record.js';
import { Programme } from '../programmes/programme.entity.js';
import { PROGRAMME_DEPLOYMENTS, PROGRAMME_TERRITORIES, programmeRecord } from '../programmes/programme.record.js';
import { Source } from '../sources/source.entity.js';
import { sourceRecord } from '../sources/source.record.js';
import { Campaign } from '../ecosystems/campaign.entity.js';
import { campaignPeriod, campaignRecord } from '../ecosystems/campaign.record.js';
import { Ecosystem } from '../ecosystems/ecosystem.entity.js';
import { chefLieuOf, drawChefLieux, ecosystemRecord, writeParts } from '../ecosystems/ecosystem.record.js';
import { Partnership } from '../partnerships/partnership.entity.js';
import { partnershipKey, partnershipRecord } from '../partnerships/partnership.record.js';
import { Person } from '../people/person.entity.js';
import { personRecord } from '../people/person.record.js';
import { writeRoles } from '../people/role.record.js';
import { writeCitations } from '../sources/citations.js';
import { writeLinks, type ChildList, type RowCounts } from '../editing/child-rows.js';
import { sql } from '../database/sql.js';
import { columnValues } from '../database/select-list.js';
import { parsePartialDate, type PartialDate } from '../shared/partial-date.js';
import { countryName, frenchGeography } from './geography.js';
import type { SeedSet } from './read-seeds.js';
import { localityPoint } from './validate-seeds.js';
import { parseRef } from './seed-refs.js';
import { PLACES_DATASET } from './places.js';

/** GraphQL type names double as the discriminator of polymorphic references in the database. */
const SUBJECT_TYPE = {
  ecosystem: 'Ecosystem', association: 'Association', institution: 'Institution', programme: 'Programme',
  event: 'Event', hub: 'Hub', person: 'Person', region: 'Territory', department: 'Territory',
  commune: 'Territory', area: 'Territory', country: 'Territory',
} as const;

export interface WriteStats { inserted: number; updated: number; unchanged: number }

/**
 * Writes a validated seed set. Every statement is an upsert keyed by slug (or a stable key) that
 * touches a row only when a value differs, so a second load of the same files changes nothing.
 * Must run inside a transaction (the caller's `em.transactional`).
 */
export async function writeSeeds(em: EntityManager, set: SeedSet, options: { author?: string } = {}): Promise<WriteStats> {
  const stats: WriteStats = { inserted: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, string>(); // "kind:key" -> uuid

  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sql<T>(em, text, params);

  /** insert … on conflict (key) do update only when something changed; returns the row id. */
  async function upsert(table: string, key: string[], row: Record<string, unknown>, opts: { versioned?: boolean } = {}): Promise<string> {
    const versioned = opts.versioned ?? true;
    const cols = Object.keys(row);
    const values = cols.map((c) => row[c]);
    const placeholders = cols.map((_, i) => `$${i + 1}`);
    const updatable = cols.filter((c) => !key.includes(c));
    const changed = updatable.length
      ? `(${updatable.map((c) => `t.${c}`).join(', ')}) is distinct from (${updatable.map((c) => `excluded.${c}`).join(', ')})`
      : 'false';
    const set = updatable.map((c) => `${c} = excluded.${c}`);
    if (versioned) set.push('version = t.version + 1', 'updated_at = now()');
    const statement = `
      with written as (
        insert into ${table} as t (${cols.join(', ')}) values (${placeholders.join(', ')})
        on conflict (${key.join(', ')}) do update set ${set.length ? set.join(', ') : `${key[0]} = excluded.${key[0]}`}
        where ${changed}
        returning id, (xmax = 0) as inserted
      )
      select id, inserted, true as written from written
      union all
      select id, false, false from ${table} where ${key.map((c, i) => `${c} = $${cols.indexOf(c) + 1}`).join(' and ')}
        and not exists (select 1 from written)`;
    const [result] = await q<{ id: string; inserted: boolean; written: boolean }>(statement, values);
    if (!result) throw new Error(`upsert into ${table} returned no row`);
    if (result.inserted) stats.inserted++;
    else if (result.written) stats.updated++;
    else stats.unchanged++;
    return result.id;
  }

  const count = (rows: RowCounts) => {
    stats.inserted += rows.inserted;
    stats.updated += rows.updated;
    stats.unchanged += rows.unchanged;
  };
  /** Each record's citations, for a whole collection in one statement. */
  const cite = (subjectType: string, records: { id: string; sources?: string[] }[]) => writeCitations(em, subjectType, records);
  /** A child list as its record definition writes it for the mutations (src/<domain>/<kind>.record.ts). */
  const writeList = async (list: ChildList, parentId: string, data: Record<string, any>) => count(await list.write(resolver, parentId, data[list.field] ?? []));

  function id(ref: string): string {
    const found = ids.get(ref);
    if (!found) throw new Error(`internal: ${ref} was not written before being referenced`);
    return found;
  }
  /** A `kind:key` reference to [type, id]. */
  async function polymorphic<Type extends string = string>(value: unknown): Promise<[Type | null, string | null]> {
    if (typeof value !== 'string') return [null, null];
    const ref = parseRef(value)!;
    // Validation admitted only the kinds the reference accepts.
    return [SUBJECT_TYPE[ref.kind] as Type, territoryRef(value) ? await territoryId(value) : id(value)];
  }
  /** Territory references resolve to their territory row id key. */
  function territoryRef(value: string): string | null {
    const ref = parseRef(value);
    return ref && ['region', 'department', 'commune', 'area', 'country'].includes(ref.kind) ? `territory:${ref.kind}:${ref.key}` : null;
  }
  /** The record definitions' references (src/<domain>/<kind>.record.ts), from the records written so far. */
  const resolver: ReferenceResolver = {
    em,
    id: async (kind, key) => (territoryRef(`${kind}:${key}`) ? territoryId(`${kind}:${key}`) : id(`${kind}:${key}`)),
    optionalId: async (kind, key) => (typeof key === 'string' ? resolver.id(kind, key) : null),
    polymorphic,
    sourceDates: async (slugs) => slugs.map((slug) => sourceDates.get(slug) ?? null).filter((d): d is PartialDate => d !== null),
  };
  /**
   * Writes records of one kind through their entity, keyed by slug or by another unique property
   * (`keyProperty`; archived ones too: a load never un-archives): one select, then one flush. A new
   * record is inserted; an existing one gets only the columns that differ (MikroORM's change set), its
   * version bumped by the flush when anything changed. `keys` are the rows' keys; returns the ids, in
   * the same order.
   */
  async function writeRecords<E extends EditableEntity>(entity: EntityName<E>, keys: string[], rows: EntityData<E>[], keyProperty: 'slug' | 'key' = 'slug'): Promise<string[]> {
    // TypeScript cannot check a filter on a generic entity; every E here has its key property.
    const byKey = { [keyProperty]: { $in: keys } } as FilterQuery<E>;
    const existing = new Map((await em.find(entity, byKey, { filters: false })).map((e) => [(e as unknown as Record<string, unknown>)[keyProperty], e]));
    const versions = new Map([...existing.values()].map((e) => [e.id, e.version]));
    // The definitions give scalar values only (references are ids), so assigning them is all a change needs.
    const records = rows.map((row, i) => {
      const found = existing.get(keys[i]!);
      return found ? Object.assign(found, row) : em.create(entity, row, { partial: true });
    });
    await em.flush();
    for (const record of records) {
      if (!versions.has(record.id)) stats.inserted++;
      else if (versions.get(record.id) !== record.version) stats.updated++;
      else stats.unchanged++;
    }
    return records.map((record) => record.id);
  }
  const sourceDates = new Map(set.sources.map(({ data }) => [data.slug as string, data.publishedOn === undefined ? null : parsePartialDate(data.publishedOn)]));

  // --- sources -------------------------------------------------------------------------------
  const sourceIds = await writeRecords(Source, set.sources.map(({ data }) => data.slug), await Promise.all(set.sources.map(({ data }) => sourceRecord.toData(data))));
  set.sources.forEach(({ data }, i) => ids.set(`source:${data.slug}`, sourceIds[i]!));

  // --- territories: official geography in three set-based statements ---------------------------
  const datasetSource = ids.get(`source:${'etalab-decoupage-administratif'}`) ?? null;
  const geo = frenchGeography();
  const bulk = async (kind: TerritoryLevel, rows: TerritoryInput[]) => {
    const result = await bulkTerritories(em, kind, rows, datasetSource, options.author);
    stats.inserted += result.inserted;
    stats.updated += result.updated;
  };
  await bulk('REGION', geo.regions.map((r) => ({ code: r.code, name: r.nom, parent: null, population: null })));
  await bulk('DEPARTMENT', geo.departments.map((d) => ({ code: d.code, name: d.nom, parent: d.region, population: null })));
  await bulk('COMMUNE', geo.communes.map((c) => ({ code: c.code, name: c.nom, parent: c.departement, population: c.population ?? null })));
  const territoryRows = await q<{ id: string; kind: string; code: string }>(`select id, kind, code from territory where kind in ('REGION', 'DEPARTMENT')`);
  for (const t of territoryRows) ids.set(`territory:${t.kind.toLowerCase()}:${t.code}`, t.id);

  const communeId = async (code: string) => {
    const key = `territory:commune:${code}`;
    if (!ids.has(key)) {
      const [row] = await q<{ id: string }>(`select id from territory where kind = 'COMMUNE' and code = $1`, [code]);
      ids.set(key, row!.id);
    }
    return ids.get(key)!;
  };

  // Countries named by the seeds, with their French names.
  const countryCodes = new Set<string>();
  const collectCountry = (value: unknown) => { if (typeof value === 'string' && value.startsWith('country:')) countryCodes.add(value.slice(8)); };
  for (const rec of set.ecosystems) { if (rec.data.country) countryCodes.add(rec.data.country); rec.data.territories?.forEach(collectCountry); }
  for (const rec of set.localities) if (rec.data.country) countryCodes.add(rec.data.country);
  for (const rec of [...set.programmes, ...set.institutions, ...set.figures]) {
    rec.data.territories?.forEach(collectCountry); collectCountry(rec.data.territory); collectCountry(rec.data.subject);
  }
  for (const code of [...countryCodes].sort()) {
    ids.set(`territory:country:${code}`, await upsert('territory', ['kind', 'code'], {
      slug: `country-${code.toLowerCase()}`, kind: 'COUNTRY', code, name: countryName(code), country_code: code,
      dataset_source_id: null,
    }));
  }

  for (const rec of set.areas) {
    const { data } = rec;
    const areaId = await upsert('territory', ['slug'], { slug: `area-${data.slug}`, kind: 'AREA', code: data.slug, name: data.name, description: data.description ?? null, description_en: data.descriptionEn ?? null });
    ids.set(`territory:area:${data.slug}`, areaId);
    await writeLinks(em, 'area_department', 'area_id', areaId, 'department_id', (data.departments ?? []).map((d: string) => ({ department_id: id(`territory:department:${d}`) })));
  }
  await cite('Territory', set.areas.map(({ data }) => ({ id: id(`territory:area:${data.slug}`), sources: data.sources })));

  // Localities: commune centres in France, cities abroad. The point comes from the places dataset
  // (src/seeding/places.ts), or from the sources a typed point cites.
  const pointOf = (data: Record<string, any>) => {
    if (data.latitude !== undefined) return { latitude: data.latitude, longitude: data.longitude, source: id(`source:${data.coordinatesSources[0]}`) };
    const match = localityPoint(data);
    if (!match || !('point' in match)) throw new Error(`internal: locality ${data.slug} has no point (seed validation should have said so)`);
    return { ...match.point, source: id(`source:${PLACES_DATASET.source}`) };
  };
  for (const { data } of set.localities) {
    let localityId: string;
    const point = pointOf(data);
    if (data.commune) {
      localityId = await communeId(data.commune);
      await q(
        `update territory set latitude = $2, longitude = $3, coordinates_precision = 'COMMUNE', coordinates_source_id = $4, version = version + 1, updated_at = now()
         where id = $1 and (latitude, longitude, coordinates_precision, coordinates_source_id) is distinct from ($2::float8, $3::float8, 'COMMUNE', $4::uuid)`,
        [localityId, point.latitude, point.longitude, point.source],
      );
    } else {
      localityId = await upsert('territory', ['slug'], {
        slug: `city-${data.slug}`, kind: 'CITY', code: null, name: data.name, country_code: data.country,
        parent_id: id(`territory:country:${data.country}`), latitude: point.latitude, longitude: point.longitude,
        coordinates_precision: 'COMMUNE', coordinates_source_id: point.source,
      });
    }
    ids.set(`locality:${data.slug}`, localityId);
  }
  await cite('Territory', set.localities.map(({ data }) => ({ id: id(`locality:${data.slug}`), sources: data.sources })));

  // --- people, campaigns -----------------------------------------------------------------------
  for (const { data } of set.people) {
    const personId = await upsert('person', ['slug'], columnValues(em, Person, personRecord.toData(data)));
    ids.set(`person:${data.slug}`, personId);
  }
  await cite('Person', set.people.map(({ data }) => ({ id: id(`person:${data.slug}`), sources: data.sources })));
  const campaignIds = await writeRecords(Campaign, set.campaigns.map(({ data }) => data.slug), set.campaigns.map(({ data }) => campaignRecord.toData(data)));
  for (const [i, { data }] of set.campaigns.entries()) {
    ids.set(`campaign:${data.slug}`, campaignIds[i]!);
    await writeLinks(em, 'campaign_announcer', 'campaign_id', campaignIds[i]!, 'person_id', (data.announcedBy ?? []).map((p: string) => ({ person_id: id(`person:${p}`) })));
  }
  await cite('Campaign', set.campaigns.map(({ data }, i) => ({ id: campaignIds[i]!, sources: data.sources })));

  // --- organisations first (rows only), so every later reference resolves -----------------------
  const ecosystemIds = await writeRecords(Ecosystem, set.ecosystems.map(({ data }) => data.slug), await Promise.all(set.ecosystems.map(({ data }) => ecosystemRecord.toData(data, resolver))));
  set.ecosystems.forEach(({ data }, i) => ids.set(`ecosystem:${data.slug}`, ecosystemIds[i]!));
  const associationIds = await writeRecords(Association, set.associations.map(({ data }) => data.slug), await Promise.all(set.associations.map(({ data }) => associationRecord.toData(data, resolver))));
  set.associations.forEach(({ data }, i) => ids.set(`association:${data.slug}`, associationIds[i]!));
  // Two passes: an institution may name a parent defined further down. The first inserts the new
  // ones without their parent (so that every parent has an id), the second writes them all.
  const institutionSlugs = set.institutions.map(({ data }) => data.slug as string);
  for (const known of await q<{ id: string; slug: string }>(`select id, slug from institution where slug = any($1)`, [institutionSlugs])) ids.set(`institution:${known.slug}`, known.id);
  const newInstitutions = set.institutions.filter(({ data }) => !ids.has(`institution:${data.slug}`));
  const beforeParents: ReferenceResolver = { ...resolver, optionalId: async (kind, key) => (kind === 'institution' ? null : resolver.optionalId(kind, key)) };
  const newInstitutionIds = await writeRecords(Institution, newInstitutions.map(({ data }) => data.slug),
    await Promise.all(newInstitutions.map(({ data }) => institutionRecord.toData(data, beforeParents))));
  newInstitutions.forEach(({ data }, i) => ids.set(`institution:${data.slug}`, newInstitutionIds[i]!));
  const institutionIds = await writeRecords(Institution, institutionSlugs, await Promise.all(set.institutions.map(({ data }) => institutionRecord.toData(data, resolver))));
  set.institutions.forEach(({ data }, i) => ids.set(`institution:${data.slug}`, institutionIds[i]!));
  await cite('Institution', set.institutions.map(({ data }, i) => ({ id: institutionIds[i]!, sources: data.sources })));

  // --- the label hierarchy ------------------------------------------------------------------------
  const campaignPeriods = new Map(set.campaigns.map(({ data }) => [data.slug as string, campaignPeriod(data)]));
  await cite('Ecosystem', set.ecosystems.map(({ data }) => ({ id: id(`ecosystem:${data.slug}`), sources: data.sources })));
  for (const { data } of set.ecosystems) {
    const ecosystemId = id(`ecosystem:${data.slug}`);
    for (const rows of await writeParts(resolver, ecosystemId, data, async (campaign) => campaignPeriods.get(campaign)!)) count(rows);
    await writeLinks(em, 'ecosystem_territory', 'ecosystem_id', ecosystemId, 'territory_id',
      await Promise.all((data.territories ?? []).map(async (t: string, position: number) => ({ territory_id: await territoryId(t), position }))));
  }
  // Each ecosystem's region and department and each hub's region, worked out once here rather than at
  // every read (a hub's is kept by a trigger; the refresh covers territories that moved).
  await q(`select refresh_ecosystem_places()`);
  await q(`select refresh_hub_regions()`);
  // Where each ecosystem without a seat is drawn (chefLieuOf), in two set-based statements whatever their number.
  const areaDepartments = new Map(set.areas.map(({ data }) => [data.slug as string, (data.departments ?? []) as string[]]));
  const stand = await Promise.all(set.ecosystems.map(async ({ data }) => ({
    ecosystem: id(`ecosystem:${data.slug}`), chefLieu: await chefLieuOf(data, async (area) => areaDepartments.get(area) ?? []),
  })));
  await drawChefLieux(em, stand.flatMap((x) => (x.chefLieu ? [x.chefLieu] : [])));
  await q(
    `update ecosystem e set point_territory_id = c.id
     from unnest($1::uuid[], $2::text[]) as i(ecosystem_id, code) left join territory c on c.kind = 'COMMUNE' and c.code = i.code
     where e.id = i.ecosystem_id and e.point_territory_id is distinct from c.id`,
    [stand.map((x) => x.ecosystem), stand.map((x) => x.chefLieu?.code ?? null)]);
  async function territoryId(value: string): Promise<string> {
    const ref = parseRef(value)!;
    return ref.kind === 'commune' ? communeId(ref.key) : id(territoryRef(value)!);
  }

  await cite('Association', set.associations.map(({ data }) => ({ id: id(`association:${data.slug}`), sources: data.sources })));
  for (const { data } of set.associations) await writeList(CARRIES, id(`association:${data.slug}`), data);

  for (const { data } of set.people) count(await writeRoles(resolver, id(`person:${data.slug}`), data.roles ?? []));

  // --- places, programmes, events -----------------------------------------------------------------
  const hubIds = await writeRecords(Hub, set.hubs.map(({ data }) => data.slug), await Promise.all(set.hubs.map(({ data }) => hubRecord.toData(data, resolver))));
  await cite('Hub', set.hubs.map(({ data }, i) => ({ id: hubIds[i]!, sources: data.sources })));
  for (const [i, { data }] of set.hubs.entries()) {
    ids.set(`hub:${data.slug}`, hubIds[i]!);
    await writeList(HUB_ECOSYSTEMS, hubIds[i]!, data);
  }

  const programmeIds = await writeRecords(Programme, set.programmes.map(({ data }) => data.slug), await Promise.all(set.programmes.map(({ data }) => programmeRecord.toData(data, resolver))));
  await cite('Programme', set.programmes.map(({ data }, i) => ({ id: programmeIds[i]!, sources: data.sources })));
  for (const [i, { data }] of set.programmes.entries()) {
    ids.set(`programme:${data.slug}`, programmeIds[i]!);
    await writeList(PROGRAMME_TERRITORIES, programmeIds[i]!, data);
    await writeList(PROGRAMME_DEPLOYMENTS, programmeIds[i]!, data);
  }

  const eventIds = await writeRecords(Event, set.events.map(({ data }) => data.slug), await Promise.all(set.events.map(({ data }) => eventRecord.toData(data, resolver))));
  await cite('Event', set.events.map(({ data }, i) => ({ id: eventIds[i]!, sources: data.sources })));
  for (const [i, { data }] of set.events.entries()) {
    ids.set(`event:${data.slug}`, eventIds[i]!);
    await writeList(EVENT_ECOSYSTEMS, eventIds[i]!, data);
    await writeList(EVENT_ORGANISERS, eventIds[i]!, data);
  }

  // --- partnerships and figures: keyed by what they say, not by a slug ----------------------------
  const partnershipIds = await writeRecords(Partnership, set.partnerships.map(({ data }) => partnershipKey(data)),
    await Promise.all(set.partnerships.map(({ data }) => partnershipRecord.toData(data, resolver))), 'key');
  await cite('Partnership', set.partnerships.map(({ data }, i) => ({ id: partnershipIds[i]!, sources: data.sources })));
  const figureIds = await writeRecords(Figure, set.figures.map(({ data }) => figureKey(data)),
    await Promise.all(set.figures.map(({ data }) => figureRecord.toData(data, resolver, true))), 'key');
  await cite('Figure', set.figures.map(({ data }, i) => ({ id: figureIds[i]!, sources: data.sources })));

  // The search index is the caller's (loadSeeds rebuilds it once, without archived records).
  return stats;
}

export type TerritoryLevel = 'REGION' | 'DEPARTMENT' | 'COMMUNE';
export interface TerritoryInput { code: string; name: string; parent: string | null; population: number | null }

/**
 * Upserts official regions, departments or communes in one set-based statement (parent found by its
 * code one level up). Shared by the seed load and the synthetic network (src/synthetic). With an
 * `author`, every row inserted or changed gets an audit entry (before and after), in the same statement.
 */
export async function bulkTerritories(em: EntityManager, kind: TerritoryLevel, rows: TerritoryInput[], datasetSource: string | null, author?: string): Promise<{ inserted: number; updated: number }> {
  const parentKind = kind === 'DEPARTMENT' ? 'REGION' : kind === 'COMMUNE' ? 'DEPARTMENT' : null;
  const prefix = kind.toLowerCase();
  const [result] = await sql<{ inserted: number; updated: number }>(em,
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::text[], $4::int[]) as i(code, name, parent_code, population)
     ), resolved as (
       select '${prefix}-' || lower(i.code) as slug, i.code, i.name, i.population, p.id as parent_id
       from input i left join territory p on p.kind = $5 and p.code = i.parent_code
     ), old as (
       select t.id, jsonb_build_object('code', t.code, 'name', t.name, 'parent_id', t.parent_id, 'population', t.population, 'dataset_source_id', t.dataset_source_id) as row
       from territory t where t.kind = '${kind}'
     ), written as (
       insert into territory as t (slug, kind, code, name, parent_id, population, dataset_source_id)
       select slug, '${kind}', code, name, parent_id, population, $6 from resolved
       on conflict (kind, code) do update set name = excluded.name, parent_id = excluded.parent_id,
         population = excluded.population, dataset_source_id = excluded.dataset_source_id,
         version = t.version + 1, updated_at = now()
       where (t.name, t.parent_id, t.population, t.dataset_source_id) is distinct from
             (excluded.name, excluded.parent_id, excluded.population, excluded.dataset_source_id)
       returning t.id, (xmax = 0) as inserted,
         jsonb_build_object('code', t.code, 'name', t.name, 'parent_id', t.parent_id, 'population', t.population, 'dataset_source_id', t.dataset_source_id) as row
     ), audited as (
       insert into audit_entry (author, action, record_type, record_id, before, after)
       select $7, case when w.inserted then 'seedInsert' else 'seedUpdate' end, 'Territory', w.id, old.row, w.row
       from written w left join old on old.id = w.id where $7::text is not null
     )
     select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from written`,
    [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.parent), rows.map((r) => r.population), parentKind, datasetSource, author ?? null],
  );
  return result!;
}

/**
 * People's contact details as the seed files hold them, for the export (seed-forms.ts). Personal data:
 * outside person-contact.ts (role-checked, for the API), only the seed loader reads or writes these columns.
 */
export async function seedContacts(em: EntityManager): Promise<Map<string, { phone?: string; email?: string }>> {
  const rows = await sql<{ id: string; contact_phone: string | null; contact_email: string | null }>(em,
    `select id, contact_phone, contact_email from person where contact_phone is not null or contact_email is not null`);
  return new Map(rows.map((r) => [r.id, { ...(r.contact_phone ? { phone: r.contact_phone } : {}), ...(r.contact_email ? { email: r.contact_email } : {}) }]));
}
