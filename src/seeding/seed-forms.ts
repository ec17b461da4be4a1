import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Association } from '../associations/association.entity.js';
import { associationRecord } from '../associations/association.record.js';
import { sql } from '../database/sql.js';
import type { SeedReferences } from '../editing/references.js';
import { Event } from '../events/event.entity.js';
import { eventRecord } from '../events/event.record.js';
import { Figure } from '../figures/figure.entity.js';
import { figureKey, figureRecord } from '../figures/figure.record.js';
import { Hub } from '../hubs/hub.entity.js';
import { hubRecord } from '../hubs/hub.record.js';
import { Institution } from '../institutions/institution.entity.js';
import { institutionRecord } from '../institutions/institution.record.js';
import { Programme } from '../programmes/programme.entity.js';
import { partnershipKey } from '../partnerships/partnership.record.js';
import { programmeRecord } from '../programmes/programme.record.js';
import { Source } from '../sources/source.entity.js';
import { sourceRecord } from '../sources/source.record.js';
import { formatPartialDate, type DatePrecision } from '../shared/partial-date.js';
import type { SeedSet } from './read-seeds.js';
import { COLLECTIONS, seedFileSchema, type SeedCollection } from './seed-schema.js';
import { seedContacts } from './write-seeds.js';

/**
 * The database read back in seed form: every record the seed loader writes, as its YAML record would
 * say it (same field names, same defaults left out, dates at the precision stored). One function
 * serves three purposes, so they cannot disagree:
 * - a reload compares the forms before and after writing to know what it changed (audit, conflicts);
 * - `seed:export` writes the forms back into the YAML files;
 * - tests compare databases by their forms (ids and timestamps aside).
 * Archived records (and archived roles) are left out: they have left the network.
 */
export interface SeedForm {
  /** uuid of the record's main row. */
  id: string;
  /** Its main row and its child rows (roles, labels, attachments…): audit entries on any of them concern this record. */
  ids: string[];
  data: Record<string, unknown>;
}
export type SeedForms = Record<SeedCollection, Map<string, SeedForm>>;

/** Audit `record_type` of each collection (the GraphQL type of its records). */
export const RECORD_TYPE: Record<SeedCollection, string> = {
  sources: 'Source', campaigns: 'Campaign', localities: 'Territory', areas: 'Territory', ecosystems: 'Ecosystem',
  associations: 'Association', institutions: 'Institution', people: 'Person', hubs: 'Hub', programmes: 'Programme',
  events: 'Event', partnerships: 'Partnership', figures: 'Figure',
};

/** The key a seed record is known by: its slug, or for partnerships and figures what they say (as the loader keys them). */
export function seedKey(collection: SeedCollection, data: Record<string, any>): string {
  if (collection === 'partnerships') return partnershipKey(data);
  if (collection === 'figures') return figureKey(data);
  return String(data.slug);
}

/** Locality slugs by commune code, from the seed files (the database keeps only the commune). */
export function localitySlugs(set: SeedSet): Map<string, string> {
  return new Map(set.localities.filter((r) => r.data.commune).map((r) => [String(r.data.commune), String(r.data.slug)]));
}

type Row = Record<string, any>;

const partial = (date: string | null | undefined, precision: string | null | undefined) =>
  (date ? formatPartialDate(date, (precision ?? 'DAY') as DatePrecision) : undefined);
const orUndefined = <T>(value: T | null | undefined) => (value === null ? undefined : value);
const nonEmpty = <T>(list: T[]) => (list.length > 0 ? list : undefined);
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Keeps the schema's key order and drops absent values (the seed form has no nulls). */
function ordered(collection: SeedCollection, data: Record<string, unknown>, row?: Row): Record<string, unknown> {
  const properties = Object.keys((seedFileSchema.properties[collection] as any).items.properties as object);
  const result: Record<string, unknown> = {};
  for (const key of properties) {
    let value = key in data ? data[key] : undefined;
    // A field added to the schema and to the table under the same name (snake_case) follows without code here.
    if (!(key in data) && row && snake(key) in row) value = partial(row[snake(key)], row[`${snake(key)}_precision`]) ?? orUndefined(row[snake(key)]);
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}

function compact(data: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(data).filter(([, v]) => v !== undefined && v !== null);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Reads every seeded record of the database in seed form, in a few set-based statements. */
export async function readSeedForms(em: EntityManager, localities: Map<string, string>): Promise<SeedForms> {
  const q = <T = Row>(text: string, params: unknown[] = []) => sql<T>(em, text, params);
  const rows = async (table: string, where = '', order = 'id') => q<{ r: Row }>(`select to_jsonb(t) as r from ${table} t ${where} order by ${order}`).then((x) => x.map((y) => y.r));
  /** Child rows grouped by their parent column. */
  const grouped = async (table: string, parent: string, where = '', order = 'position') => {
    const map = new Map<string, Row[]>();
    for (const r of await rows(table, where, `${parent}, ${order}`)) {
      const list = map.get(r[parent]) ?? [];
      list.push(r);
      map.set(r[parent], list);
    }
    return map;
  };

  const citations = new Map<string, string[]>();
  for (const c of await q<{ subject_id: string; slug: string }>(
    `select c.subject_id, s.slug from citation c join source s on s.id = c.source_id order by c.subject_id, c.position, s.slug`)) {
    const list = citations.get(c.subject_id) ?? [];
    list.push(c.slug);
    citations.set(c.subject_id, list);
  }
  const sourcesOf = (id: string) => citations.get(id) ?? [];

  // Slugs of everything a record can name, archived or not (a reference stays what it was).
  const slugs = new Map<string, string>();
  for (const table of ['source', 'person', 'campaign', 'ecosystem', 'association', 'institution', 'hub', 'programme', 'event']) {
    for (const r of await q<{ id: string; slug: string }>(`select id, slug from ${table}`)) slugs.set(r.id, r.slug);
  }
  const territories = new Map<string, Row>();
  for (const t of await q(`select id, kind, code, slug, name, latitude, longitude, country_code, description, description_en, parent_id from territory
                           where kind <> 'COMMUNE' or latitude is not null
                              or id in (select territory_id from ecosystem_territory union select territory_id from programme_territory
                                        union select territory_id from institution where territory_id is not null
                                        union select seat_id from ecosystem where seat_id is not null union select seat_id from association where seat_id is not null
                                        union select seat_id from institution where seat_id is not null union select locality_id from hub
                                        union select locality_id from event where locality_id is not null
                                        union select subject_id from figure union select organisation_id from role)`)) territories.set(t.id, t);

  const slug = (id: string | null) => (id ? slugs.get(id) : undefined);
  /** A territory as the seeds write a locality: its locality slug (commune) or its city slug. */
  const locality = (id: string | null) => {
    if (!id) return undefined;
    const t = territories.get(id);
    if (!t) return undefined;
    if (t.kind === 'COMMUNE') return localities.get(t.code) ?? t.slug;
    return t.kind === 'CITY' ? String(t.slug).replace(/^city-/, '') : t.slug;
  };
  /** `kind:key`, the way the seeds write a reference. */
  const ref = (type: string | null, id: string | null) => {
    if (!type || !id) return undefined;
    if (type === 'Territory') {
      const t = territories.get(id);
      return t && `${String(t.kind).toLowerCase()}:${t.code}`;
    }
    const s = slugs.get(id);
    return s && `${type.toLowerCase()}:${s}`;
  };
  /** The record definitions' references, answered from the maps above (no statement per record). */
  const seedRefs: SeedReferences = {
    slug: async (_table, id) => slug(id ?? null),
    locality: async (id) => locality(id ?? null),
    ref: async (type, id) => ref(type ?? null, id ?? null),
  };
  /**
   * A row in the seed form of its record definition (src/<domain>/<kind>.record.ts `toSeed`), read
   * from the row's columns under their entity property names. Returns the form and the columns the
   * entity does not describe, which `ordered` reads back by name.
   */
  const recordForm = async <E extends object>(entity: EntityName<E>, toSeed: (record: E, refs: SeedReferences) => Promise<Record<string, unknown>>, row: Row) => {
    const rest: Row = { ...row };
    const record: Row = {};
    for (const prop of em.getMetadata(entity).props) {
      const [column] = prop.fieldNames ?? [];
      if (prop.fieldNames?.length !== 1 || !(column! in row)) continue;
      record[prop.name] = row[column!];
      delete rest[column!];
    }
    return { data: await toSeed(record as E, seedRefs), rest };
  };
  const period = (r: Row) => ({ from: orUndefined(r.valid_from), to: orUndefined(r.valid_to) });
  const live = 'where t.archived_at is null';

  const forms = Object.fromEntries(COLLECTIONS.map((c) => [c, new Map<string, SeedForm>()])) as SeedForms;
  /** `columns`: the row's columns a field of the schema may be read from by name (all of them unless said). */
  const add = (collection: SeedCollection, key: string, row: Row, data: Record<string, unknown>, childIds: string[] = [], columns: Row = row) => {
    forms[collection].set(key, { id: row.id, ids: [row.id, ...childIds], data: ordered(collection, data, columns) });
  };

  for (const r of await rows('source', live, 'slug')) {
    const { data, rest } = await recordForm(Source, sourceRecord.toSeed, r);
    add('sources', r.slug, r, data, [], rest);
  }

  const announcers = new Map<string, string[]>();
  for (const a of await q<{ campaign_id: string; person_id: string }>(`select campaign_id, person_id from campaign_announcer`)) {
    announcers.set(a.campaign_id, [...(announcers.get(a.campaign_id) ?? []), slug(a.person_id)!].sort());
  }
  for (const r of await rows('campaign', '', 'slug')) {
    add('campaigns', r.slug, r, { slug: r.slug, name: r.name, announcedOn: partial(r.announced_on, r.announced_on_precision),
      periodStart: r.period_start, periodEnd: r.period_end, announcedBy: nonEmpty(announcers.get(r.id) ?? []), description: r.description,
      descriptionEn: r.description_en,
      sources: sourcesOf(r.id) });
  }

  // Communes the loader placed only to draw a seatless ecosystem at its territory's chef-lieu are not
  // localities of the seeds (the chef-lieu is worked out again at every load).
  const chefLieux = new Set((await q<{ id: string }>(`select distinct point_territory_id as id from ecosystem where point_territory_id is not null`)).map((r) => r.id));
  for (const t of [...territories.values()].sort((a, b) => String(a.slug).localeCompare(String(b.slug)))) {
    if (t.kind === 'COMMUNE' && t.latitude !== null && (localities.has(t.code) || !chefLieux.has(t.id))) {
      const key = localities.get(t.code) ?? t.slug;
      add('localities', key, t, { slug: key, commune: t.code, name: undefined, latitude: t.latitude, longitude: t.longitude, sources: sourcesOf(t.id) });
    } else if (t.kind === 'CITY') {
      const key = String(t.slug).replace(/^city-/, '');
      add('localities', key, t, { slug: key, name: t.name, country: t.country_code, latitude: t.latitude, longitude: t.longitude, sources: sourcesOf(t.id) });
    }
  }

  const areaDepartments = new Map<string, string[]>();
  for (const a of await q<{ area_id: string; code: string }>(`select ad.area_id, d.code from area_department ad join territory d on d.id = ad.department_id order by d.code`)) {
    areaDepartments.set(a.area_id, [...(areaDepartments.get(a.area_id) ?? []), a.code]);
  }
  for (const t of await rows('territory', `where t.kind = 'AREA'`, 'code')) {
    add('areas', t.code, t, { slug: t.code, name: t.name, departments: nonEmpty(areaDepartments.get(t.id) ?? []), description: t.description, descriptionEn: t.description_en, sources: sourcesOf(t.id) });
  }

  const names = await grouped('ecosystem_name', 'ecosystem_id');
  const labels = await grouped('label', 'ecosystem_id');
  const attachments = await grouped('attachment', 'child_id');
  const ecosystemTerritories = await grouped('ecosystem_territory', 'ecosystem_id');
  for (const r of await rows('ecosystem', '', 'slug')) {
    const sources = sourcesOf(r.id);
    const ownNames = names.get(r.id) ?? [];
    const ownLabels = labels.get(r.id) ?? [];
    const ownAttachments = attachments.get(r.id) ?? [];
    add('ecosystems', r.slug, r, {
      slug: r.slug,
      // A name without its own sources cites the ecosystem's (write-seeds.ts): written back without them.
      names: ownNames.map((n) => compact({ name: n.name, from: n.valid_from, to: n.valid_to,
        sources: sameList(sourcesOf(n.id), sources) ? undefined : sourcesOf(n.id) })),
      country: r.country_code === 'FR' ? undefined : r.country_code, seat: locality(r.seat_id),
      territories: nonEmpty((ecosystemTerritories.get(r.id) ?? []).map((t) => ref('Territory', t.territory_id)!)),
      description: r.description, descriptionEn: r.description_en, website: r.website,
      labels: ownLabels.map((l) => compact({ kind: l.kind, campaign: slug(l.campaign_id), grantedOn: l.granted_on, grantedBy: slug(l.granted_by_id),
        validFrom: l.valid_from, validTo: l.valid_to, status: l.status === 'ACTIVE' ? undefined : l.status, theme: l.theme, note: l.note, noteEn: l.note_en,
        sources: sourcesOf(l.id) })),
      attachments: nonEmpty(ownAttachments.map((a) => compact({ parent: slug(a.parent_id), ...period(a), note: a.note, noteEn: a.note_en, sources: sourcesOf(a.id) }))),
      sources,
    }, [...ownNames, ...ownLabels, ...ownAttachments].map((c) => c.id));
  }

  const carriers = await grouped('carrier', 'association_id');
  for (const r of await rows('association', live, 'slug')) {
    const own = carriers.get(r.id) ?? [];
    const { data, rest } = await recordForm(Association, associationRecord.toSeed, r);
    add('associations', r.slug, r, { ...data,
      carries: nonEmpty(own.map((c) => compact({ ecosystem: slug(c.ecosystem_id), ...period(c), sources: sourcesOf(c.id) }))),
      sources: sourcesOf(r.id) }, own.map((c) => c.id), rest);
  }

  for (const r of await rows('institution', live, 'slug')) {
    const { data, rest } = await recordForm(Institution, institutionRecord.toSeed, r);
    add('institutions', r.slug, r, { ...data, sources: sourcesOf(r.id) }, [], rest);
  }

  // Archived roles are not part of the form, but edits of them concern their person (ids).
  const roles = await grouped('role', 'person_id');
  const contacts = await seedContacts(em);
  // Named columns: the contact details come from the seed loader's one reader (personal data).
  for (const r of await q(`select id, slug, name, note, note_en from person where archived_at is null order by slug`)) {
    const all = roles.get(r.id) ?? [];
    const own = all.filter((x) => !x.archived_at);
    add('people', r.slug, r, { slug: r.slug, name: r.name,
      // `current` as the seed files write it (left out when false); `asOf` is derived from the sources again on load.
      roles: nonEmpty(own.map((x) => compact({ title: x.title, organisation: ref(x.organisation_type, x.organisation_id), ...period(x), current: x.current || undefined, sources: sourcesOf(x.id) }))),
      contact: contacts.get(r.id), sources: sourcesOf(r.id) }, all.map((x) => x.id));
  }

  const hubEcosystems = await grouped('hub_ecosystem', 'hub_id');
  for (const r of await rows('hub', live, 'slug')) {
    const own = hubEcosystems.get(r.id) ?? [];
    const { data, rest } = await recordForm(Hub, hubRecord.toSeed, r);
    add('hubs', r.slug, r, { ...data,
      ecosystems: nonEmpty(own.map((h) => compact({ ecosystem: slug(h.ecosystem_id), role: h.role, ...period(h), sources: sourcesOf(h.id) }))),
      sources: sourcesOf(r.id) }, own.map((h) => h.id), rest);
  }

  const programmeTerritories = new Map<string, string[]>();
  for (const t of await q<{ programme_id: string; territory_id: string }>(`select programme_id, territory_id from programme_territory`)) {
    programmeTerritories.set(t.programme_id, [...(programmeTerritories.get(t.programme_id) ?? []), ref('Territory', t.territory_id)!].sort());
  }
  const deployments = await grouped('programme_deployment', 'programme_id');
  for (const r of await rows('programme', live, 'slug')) {
    const own = deployments.get(r.id) ?? [];
    const { data, rest } = await recordForm(Programme, programmeRecord.toSeed, r);
    add('programmes', r.slug, r, { ...data,
      territories: nonEmpty(programmeTerritories.get(r.id) ?? []),
      deployedBy: nonEmpty(own.map((d) => compact({ ecosystem: slug(d.ecosystem_id), ...period(d), sources: sourcesOf(d.id) }))),
      sources: sourcesOf(r.id) }, own.map((d) => d.id), rest);
  }

  const organisers = await grouped('event_organiser', 'event_id');
  const eventEcosystems = new Map<string, string[]>();
  for (const e of await q<{ event_id: string; ecosystem_id: string }>(`select event_id, ecosystem_id from event_ecosystem`)) {
    eventEcosystems.set(e.event_id, [...(eventEcosystems.get(e.event_id) ?? []), slug(e.ecosystem_id)!].sort());
  }
  for (const r of await rows('event', live, 'slug')) {
    const { data, rest } = await recordForm(Event, eventRecord.toSeed, r);
    add('events', r.slug, r, { ...data,
      organisers: nonEmpty((organisers.get(r.id) ?? []).map((o) => ref(o.organiser_type, o.organiser_id)!)),
      ecosystems: nonEmpty(eventEcosystems.get(r.id) ?? []), sources: sourcesOf(r.id) }, [], rest);
  }

  for (const r of await rows('partnership', live, 'key')) {
    add('partnerships', r.key, r, { partner: ref(r.partner_type, r.partner_id), target: ref(r.target_type, r.target_id), role: r.role,
      ...period(r), note: r.note, sources: sourcesOf(r.id) });
  }
  for (const r of await rows('figure', live, 'key')) {
    const { data, rest } = await recordForm(Figure, figureRecord.toSeed, r);
    add('figures', r.key, r, { ...data, sources: sourcesOf(r.id) }, [], rest);
  }
  return forms;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Structural equality of seed values (plain JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameValue((a as Row)[k], (b as Row)[k]));
  }
  return false;
}

/** Top-level fields whose values differ between two forms of a record. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => !sameValue(before[k], after[k]));
}
