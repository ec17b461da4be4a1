import { countryName, frenchGeography } from './geography.js';
import { describeRecord, type SeedRecord, type SeedSet } from './read-seeds.js';
import type { SeedCollection } from './seed-schema.js';
import { SeedValidationError, type SeedProblem } from './seed-errors.js';
import { lastDayOf, parsePartialDate } from '../shared/partial-date.js';
import { cityPoint, communePoint } from './places.js';
import { parseRef, REF_KINDS, type RefKind } from './seed-refs.js';

/** Answers whether a referenced key exists: built from a whole seed set, or looked up in the database (src/editing). */
export interface KnownKeys {
  has(kind: string, key: string): boolean;
}
/** Receives one problem of one record: the field path in seed notation (`labels[0].validFrom`) and the message. */
export type ProblemSink = (field: string, message: string) => void;

/** The collections whose records a slug identifies, by reference kind. */
export const SLUG_COLLECTIONS = {
  source: 'sources', campaign: 'campaigns', locality: 'localities', area: 'areas', ecosystem: 'ecosystems',
  association: 'associations', institution: 'institutions', person: 'people', hub: 'hubs',
  programme: 'programmes', event: 'events',
} as const;

/**
 * Checks what the JSON Schema cannot: that dates exist and periods are ordered, that every slug is
 * unique and every reference points to a record (or an INSEE code / ISO country that exists).
 * Throws one SeedValidationError listing every problem found.
 */
export function validateSeeds(set: SeedSet): void {
  const problems: SeedProblem[] = [];
  const geo = frenchGeography();
  const known: Record<string, Set<string>> = {
    region: new Set(geo.regions.map((r) => r.code)),
    department: new Set(geo.departments.map((d) => d.code)),
    commune: new Set(geo.communes.map((c) => c.code)),
  };
  const problem = (rec: SeedRecord, field: string, message: string) =>
    problems.push({ file: rec.file, record: describeRecord(rec.collection, rec.index, rec.data), field, message });

  for (const [kind, collection] of Object.entries(SLUG_COLLECTIONS)) {
    known[kind] = new Set();
    for (const rec of set[collection]) {
      const slug = rec.data.slug as string;
      if (known[kind].has(slug)) problem(rec, 'slug', `duplicate slug "${slug}" (already used by another ${kind})`);
      known[kind].add(slug);
    }
  }
  const keys: KnownKeys = { has: (kind, key) => known[kind]?.has(key) ?? false };
  for (const collection of Object.keys(set) as SeedCollection[]) {
    for (const rec of set[collection]) checkSeedRecord(collection, rec.data, keys, (field, message) => problem(rec, field, message));
  }
  // Rules across records: a label never starts before the campaign that granted it opened.
  const campaigns = new Map(set.campaigns.map((c) => [c.data.slug as string, c.data]));
  for (const rec of set.ecosystems) {
    (rec.data.labels ?? []).forEach((l: any, i: number) => {
      const campaign = l.campaign ? campaigns.get(l.campaign) : undefined;
      const opened = campaign && parsePartialDate(campaign.periodStart ?? campaign.announcedOn ?? '');
      const from = parsePartialDate(l.validFrom);
      if (opened && from && lastDayOf(from) < opened.date) {
        problem(rec, `labels[${i}].validFrom`, `starts (${l.validFrom}) before its campaign "${l.campaign}" opened (${opened.date})`);
      }
    });
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
}

/**
 * The rules of one record, whatever holds the records it references: the seed loader runs them on
 * every record of the files, the admin mutations (src/editing) on the record an edit produces.
 */
export function checkSeedRecord(collection: SeedCollection, data: Record<string, any>, known: KnownKeys, report: ProblemSink): void {
  const rec = data;
  const problem = (_rec: unknown, field: string, message: string) => report(field, message);
  function checkSlug(_rec: unknown, field: string, kind: keyof typeof SLUG_COLLECTIONS, value: unknown) {
    if (typeof value === 'string' && !known.has(kind, value)) problem(rec, field, `unknown ${kind} "${value}"`);
  }
  function checkRef(_rec: unknown, field: string, value: unknown, allowed: readonly RefKind[] = REF_KINDS) {
    if (typeof value !== 'string') return;
    const ref = parseRef(value);
    if (!ref || !allowed.includes(ref.kind)) {
      problem(rec, field, `"${value}" must be a reference to ${allowed.map((k) => `${k}:…`).join(', ')}`);
      return;
    }
    if (ref.kind === 'country') {
      if (!countryName(ref.key)) problem(rec, field, `unknown ISO 3166-1 country code "${ref.key}"`);
    } else if (!known.has(ref.kind, ref.key)) {
      problem(rec, field, `unknown ${ref.kind} "${ref.key}"`);
    }
  }
  function checkDate(_rec: unknown, field: string, value: unknown) {
    if (value !== undefined && parsePartialDate(value as string) === null) problem(rec, field, `"${value}" is not a real date`);
  }
  function checkPeriod(_rec: unknown, prefix: string, from: unknown, to: unknown, fromName = 'from', toName = 'to') {
    checkDate(rec, `${prefix}${fromName}`, from);
    checkDate(rec, `${prefix}${toName}`, to);
    const a = from === undefined ? null : parsePartialDate(from as string);
    const b = to === undefined ? null : parsePartialDate(to as string);
    if (a && b && lastDayOf(b) < a.date) problem(rec, `${prefix}${toName}`, `ends (${to}) before it starts (${from})`);
  }
  function checkSources(_rec: unknown, field: string, value: unknown) {
    for (const [i, slug] of ((value as string[] | undefined) ?? []).entries()) {
      if (!known.has('source', slug)) problem(rec, `${field}[${i}]`, `unknown source "${slug}"`);
    }
  }
  const each = <T>(items: T[] | undefined, fn: (item: T, i: number) => void) => (items ?? []).forEach(fn);
  /** A list holds each item once (link tables key on it; a repeated dated link says nothing more): a repeat is named at its index. */
  function checkRepeats(_rec: unknown, field: string, items: unknown[] | undefined, keyOf: (item: any) => unknown = (item) => item) {
    const seen = new Map<string, number>();
    each(items, (item, i) => {
      const key = JSON.stringify(keyOf(item));
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else problem(rec, `${field}[${i}]`, `repeats ${field}[${first}]`);
    });
  }
  const datedLink = (link: any) => [link.ecosystem, link.role, link.from, link.to];
  const is = (c: SeedCollection) => collection === c;
  const set = { sources: is('sources') ? [{ data }] : [] } as Record<string, { data: Record<string, any> }[]>;
  for (const c of ['campaigns', 'localities', 'areas', 'ecosystems', 'associations', 'institutions', 'people', 'hubs', 'programmes', 'events', 'partnerships', 'figures']) {
    set[c] = is(c as SeedCollection) ? [{ data }] : [];
  }
  for (const rec of set.sources) {
    checkDate(rec, 'publishedOn', rec.data.publishedOn);
    if (!rec.data.url && !rec.data.file) problem(rec, 'url', 'a source needs a url or a file');
  }
  for (const rec of set.campaigns) {
    checkSources(rec, 'sources', rec.data.sources);
    checkDate(rec, 'announcedOn', rec.data.announcedOn);
    checkPeriod(rec, '', rec.data.periodStart, rec.data.periodEnd, 'periodStart', 'periodEnd');
    each(rec.data.announcedBy, (p, i) => checkSlug(rec, `announcedBy[${i}]`, 'person', p));
  }
  for (const rec of set.localities) {
    checkSources(rec, 'sources', rec.data.sources);
    if (rec.data.commune && !known.has('commune', rec.data.commune)) problem(rec, 'commune', `unknown INSEE commune code "${rec.data.commune}"`);
    if (rec.data.country && !countryName(rec.data.country)) problem(rec, 'country', `unknown ISO 3166-1 country code "${rec.data.country}"`);
    checkPoint(rec.data, (field, message) => problem(rec, field, message), checkSources);
    if (rec.data.latitude === undefined && rec.data.longitude === undefined) {
      const match = localityPoint(rec.data);
      if (match && 'problem' in match) problem(rec, rec.data.dataset ? 'dataset' : rec.data.commune ? 'commune' : 'name', `${match.problem}; or give latitude/longitude with coordinatesSources`);
    }
  }
  for (const rec of set.areas) {
    checkSources(rec, 'sources', rec.data.sources);
    each(rec.data.departments, (d: string, i) => { if (!known.has('department', d)) problem(rec, `departments[${i}]`, `unknown INSEE department code "${d}"`); });
  }
  for (const rec of set.ecosystems) {
    checkSources(rec, 'sources', rec.data.sources);
    checkSlug(rec, 'seat', 'locality', rec.data.seat);
    if (rec.data.country && !countryName(rec.data.country)) problem(rec, 'country', `unknown ISO 3166-1 country code "${rec.data.country}"`);
    each(rec.data.territories, (t, i) => checkRef(rec, `territories[${i}]`, t, ['region', 'department', 'commune', 'area', 'country']));
    checkRepeats(rec, 'territories', rec.data.territories);
    each(rec.data.names, (n: any, i) => { checkPeriod(rec, `names[${i}].`, n.from, n.to); checkSources(rec, `names[${i}].sources`, n.sources); });
    each(rec.data.labels, (l: any, i) => {
      checkSources(rec, `labels[${i}].sources`, l.sources);
      checkSlug(rec, `labels[${i}].campaign`, 'campaign', l.campaign);
      checkSlug(rec, `labels[${i}].grantedBy`, 'person', l.grantedBy);
      checkDate(rec, `labels[${i}].grantedOn`, l.grantedOn);
      checkPeriod(rec, `labels[${i}].`, l.validFrom, l.validTo, 'validFrom', 'validTo');
    });
    each(rec.data.attachments, (a: any, i) => {
      checkSources(rec, `attachments[${i}].sources`, a.sources);
      checkSlug(rec, `attachments[${i}].parent`, 'ecosystem', a.parent);
      if (a.parent === rec.data.slug) problem(rec, `attachments[${i}].parent`, 'an ecosystem cannot be its own parent');
      checkPeriod(rec, `attachments[${i}].`, a.from, a.to);
    });
  }
  for (const rec of set.associations) {
    checkSources(rec, 'sources', rec.data.sources);
    checkSlug(rec, 'seat', 'locality', rec.data.seat);
    checkDate(rec, 'foundedIn', rec.data.foundedIn);
    checkRepeats(rec, 'carries', rec.data.carries, datedLink);
    each(rec.data.carries, (c: any, i) => {
      checkSources(rec, `carries[${i}].sources`, c.sources);
      checkSlug(rec, `carries[${i}].ecosystem`, 'ecosystem', c.ecosystem);
      checkPeriod(rec, `carries[${i}].`, c.from, c.to);
    });
  }
  for (const rec of set.institutions) {
    checkSources(rec, 'sources', rec.data.sources);
    checkSlug(rec, 'parent', 'institution', rec.data.parent);
    checkSlug(rec, 'seat', 'locality', rec.data.seat);
    checkRef(rec, 'territory', rec.data.territory, ['region', 'department', 'commune', 'area', 'country']);
    checkDate(rec, 'foundedIn', rec.data.foundedIn);
  }
  for (const rec of set.people) {
    checkSources(rec, 'sources', rec.data.sources);
    each(rec.data.roles, (r: any, i) => {
      checkSources(rec, `roles[${i}].sources`, r.sources);
      checkDate(rec, `roles[${i}].asOf`, r.asOf);
      if (r.current === true && r.to !== undefined) problem(rec, `roles[${i}].current`, 'a role with an end date is not current');
      checkRef(rec, `roles[${i}].organisation`, r.organisation, ['association', 'institution', 'ecosystem']);
      checkPeriod(rec, `roles[${i}].`, r.from, r.to);
    });
  }
  for (const rec of set.hubs) {
    checkSources(rec, 'sources', rec.data.sources);
    checkSlug(rec, 'locality', 'locality', rec.data.locality);
    checkRef(rec, 'operator', rec.data.operator, ['association', 'institution']);
    checkDate(rec, 'openedIn', rec.data.openedIn);
    checkPoint(rec.data, (field, message) => problem(rec, field, message), checkSources);
    checkRepeats(rec, 'ecosystems', rec.data.ecosystems, datedLink);
    each(rec.data.ecosystems, (h: any, i) => {
      checkSources(rec, `ecosystems[${i}].sources`, h.sources);
      checkSlug(rec, `ecosystems[${i}].ecosystem`, 'ecosystem', h.ecosystem);
      checkPeriod(rec, `ecosystems[${i}].`, h.from, h.to);
    });
  }
  for (const rec of set.programmes) {
    checkSources(rec, 'sources', rec.data.sources);
    checkRef(rec, 'operator', rec.data.operator, ['association', 'institution']);
    checkPeriod(rec, '', rec.data.startsOn, rec.data.endsOn, 'startsOn', 'endsOn');
    each(rec.data.territories, (t, i) => checkRef(rec, `territories[${i}]`, t, ['region', 'department', 'commune', 'area', 'country']));
    checkRepeats(rec, 'territories', rec.data.territories);
    const el = rec.data.eligibility;
    if (el?.headcountBelow !== undefined && el?.headcountAtLeast !== undefined && el.headcountAtLeast >= el.headcountBelow) {
      problem(rec, 'eligibility.headcountAtLeast', 'must be lower than headcountBelow');
    }
    checkRepeats(rec, 'deployedBy', rec.data.deployedBy, datedLink);
    each(rec.data.deployedBy, (d: any, i) => {
      checkSources(rec, `deployedBy[${i}].sources`, d.sources);
      checkSlug(rec, `deployedBy[${i}].ecosystem`, 'ecosystem', d.ecosystem);
      checkPeriod(rec, `deployedBy[${i}].`, d.from, d.to);
    });
  }
  for (const rec of set.events) {
    checkSources(rec, 'sources', rec.data.sources);
    checkPeriod(rec, '', rec.data.startsOn, rec.data.endsOn, 'startsOn', 'endsOn');
    checkSlug(rec, 'venue', 'hub', rec.data.venue);
    checkSlug(rec, 'locality', 'locality', rec.data.locality);
    each(rec.data.organisers, (o, i) => checkRef(rec, `organisers[${i}]`, o, ['association', 'institution', 'ecosystem']));
    each(rec.data.ecosystems, (e, i) => checkSlug(rec, `ecosystems[${i}]`, 'ecosystem', e));
    checkRepeats(rec, 'organisers', rec.data.organisers);
    checkRepeats(rec, 'ecosystems', rec.data.ecosystems);
  }
  for (const rec of set.partnerships) {
    checkSources(rec, 'sources', rec.data.sources);
    checkRef(rec, 'partner', rec.data.partner, ['association', 'institution']);
    checkRef(rec, 'target', rec.data.target, ['ecosystem', 'association', 'programme', 'event', 'institution']);
    checkPeriod(rec, '', rec.data.from, rec.data.to);
  }
  for (const rec of set.figures) {
    checkSources(rec, 'sources', rec.data.sources);
    checkRef(rec, 'subject', rec.data.subject, REF_KINDS.filter((k) => k !== 'person'));
    checkDate(rec, 'asOf', rec.data.asOf);
  }
}

/**
 * A point typed into the seeds is an exact position some source gives: latitude and longitude go
 * together and cite `coordinatesSources`. Anything else takes its point from the places dataset.
 */
function checkPoint(data: Record<string, any>, report: ProblemSink, checkSources: (rec: unknown, field: string, value: unknown) => void): void {
  const typed = data.latitude !== undefined || data.longitude !== undefined;
  if ((data.latitude === undefined) !== (data.longitude === undefined)) report('longitude', 'latitude and longitude go together');
  if (typed && data.coordinatesSources === undefined) report('coordinatesSources', 'a coordinate needs the sources that give it (coordinatesSources)');
  if (!typed && data.coordinatesSources !== undefined) report('coordinatesSources', 'only with latitude and longitude');
  checkSources(null, 'coordinatesSources', data.coordinatesSources);
}

/** The dataset point of a locality (null when its commune code is unknown: reported elsewhere). */
export function localityPoint(data: Record<string, any>) {
  if (data.commune) {
    const commune = frenchGeography().communes.find((c) => c.code === data.commune);
    return commune ? communePoint(data.dataset?.name ?? commune.nom, commune.departement) : null;
  }
  return cityPoint(data.country, data.dataset?.name ?? data.name, data.dataset?.admin1, data.dataset?.admin2);
}
