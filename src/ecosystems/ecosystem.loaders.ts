import { byKey, defineLoader, groupByKey, type RequestContext } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { partialDate } from '../graphql/common-types.js';
import { sqlByKeys } from '../database/sql.js';
import { LABEL_KIND_PRECEDENCE, type Campaign, type Ecosystem, type HierarchyLink, type Label, type LabelKind } from './ecosystem.types.js';
import { LabelStatus } from './ecosystem.types.js';
import { periodCovers } from '../shared/partial-date.js';
import { compareText } from '../shared/collation.js';

/**
 * The hierarchy is read as whole histories per ecosystem (names, labels, links are a handful of rows
 * each); what holds on a date is worked out in memory. So `asOf` never multiplies statements: each
 * level of the tree costs one batched query per relation, whatever the number of nodes.
 */
export const ECOSYSTEM_COLUMNS = `e.id, e.slug, e.country_code, e.seat_id, e.description, e.description_en, e.website, e.note, e.note_en, e.region_code, e.department_code, e.point_territory_id`;
export interface EcosystemRow {
  id: string; slug: string; country_code: string; seat_id: string | null; description: string | null; description_en: string | null; website: string | null;
  note: string | null; note_en: string | null; region_code: string | null; department_code: string | null; point_territory_id: string | null;
}
export type EcosystemNode = Ecosystem & { uuid: string; seatId: string | null; pointTerritoryId: string | null };

export function toEcosystem(row: EcosystemRow): EcosystemNode {
  return asNode('Ecosystem', {
    id: row.id, slug: row.slug, countryCode: row.country_code, seatId: row.seat_id, description: row.description, descriptionEn: row.description_en, website: row.website,
    note: row.note, noteEn: row.note_en, regionCode: row.region_code, departmentCode: row.department_code, pointTerritoryId: row.point_territory_id,
  }) as unknown as EcosystemNode;
}

export const ecosystemById = defineLoader<string, EcosystemNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<EcosystemRow & { names: NameRow[]; labels: LabelRow[] }>(ctx.em,
    `select ${ECOSYSTEM_COLUMNS}, ${namesOf('e.id')} as names, ${labelsOf('e.id')} as labels from ecosystem e where e.id = any($1::uuid[])`, [ids]);
  primeNames(ctx, rows, (r) => r.id, (r) => r.names);
  primeLabels(ctx, rows);
  return byKey(ids, rows.map(toEcosystem), (e) => e.uuid);
});

export const ecosystemBySlug = defineLoader<string, EcosystemNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<EcosystemRow & { names: NameRow[]; labels: LabelRow[] }>(ctx.em,
    `select ${ECOSYSTEM_COLUMNS}, ${namesOf('e.id')} as names, ${labelsOf('e.id')} as labels from ecosystem e where e.slug = any($1::text[])`, [slugs]);
  primeNames(ctx, rows, (r) => r.id, (r) => r.names);
  primeLabels(ctx, rows);
  return byKey(slugs, rows.map(toEcosystem), (e) => e.slug);
});

export interface NameRow { id: string; ecosystem_id: string; name: string; valid_from: string | null; valid_to: string | null }
export const namesByEcosystem = defineLoader<string, NameRow[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<NameRow>(ctx.em,
    `select n.id, n.ecosystem_id, n.name, n.valid_from::text, n.valid_to::text from ecosystem_name n
     where n.ecosystem_id = any($1::uuid[]) order by n.ecosystem_id, n.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id);
});

/**
 * Every name of an ecosystem as namesByEcosystem reads them (same keys, same order), as one JSON
 * column of the statement that reads the ecosystem: an ecosystem is almost always asked with its name,
 * and a page's ecosystems then cost no statement of their own for it (the community page: 9 → 7).
 */
const namesOf = (ecosystemId: string) => `(select coalesce(json_agg(json_build_object('id', n.id, 'ecosystem_id', n.ecosystem_id, 'name', n.name,
    'valid_from', n.valid_from::text, 'valid_to', n.valid_to::text) order by n.position), '[]') from ecosystem_name n where n.ecosystem_id = ${ecosystemId})`;
function primeNames<Row>(ctx: RequestContext, rows: Row[], idOf: (row: Row) => string, namesOfRow: (row: Row) => NameRow[]): void {
  const names = ctx.loader(namesByEcosystem);
  for (const row of rows) names.prime(idOf(row), namesOfRow(row));
}

/** A list of ecosystems' select list with their names (`paginate`), and its rows made nodes with their names primed. */
export const ECOSYSTEM_COLUMNS_WITH_NAMES = `${ECOSYSTEM_COLUMNS}, ${namesOf('e.id')} as names`;
export function toEcosystemWithNames(ctx: RequestContext, row: EcosystemRow & { names: NameRow[] }): EcosystemNode {
  primeNames(ctx, [row], (r) => r.id, (r) => r.names);
  return toEcosystem(row);
}

export type LabelNode = Label & { uuid: string; ecosystemId: string; campaignId: string | null; grantedById: string | null; status: string };
interface LabelRow {
  id: string; ecosystem_id: string; kind: string; campaign_id: string | null; granted_on: string | null; granted_by_id: string | null;
  valid_from: string; valid_from_precision: string; valid_to: string | null; valid_to_precision: string | null; end_confirmed: boolean;
  status: string; theme: string | null; note: string | null; note_en: string | null;
}
const LABEL_COLUMNS = `l.id, l.ecosystem_id, l.kind, l.campaign_id, l.granted_on::text, l.granted_by_id, l.valid_from::text, l.valid_from_precision,
  l.valid_to::text, l.valid_to_precision, l.end_confirmed, l.status, l.theme, l.note, l.note_en`;
export const labelsByEcosystem = defineLoader<string, LabelNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<LabelRow>(ctx.em,
    `select ${LABEL_COLUMNS}
     from label l where l.ecosystem_id = any($1::uuid[]) order by l.ecosystem_id, l.valid_from, l.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((labels) => labels.map(toLabel));
});
/**
 * Every label of an ecosystem as labelsByEcosystem reads them (same keys, same order), as one JSON
 * column of the statements that read one ecosystem by id or slug: a detail page asks its `kind`, and
 * then costs no statement of its own for it (the community page: 7 → 6). Lists and links, whose
 * ecosystems are seldom asked their kind, do not bring them.
 */
const labelsOf = (ecosystemId: string) => `(select coalesce(json_agg(json_build_object('id', l.id, 'ecosystem_id', l.ecosystem_id, 'kind', l.kind,
    'campaign_id', l.campaign_id, 'granted_on', l.granted_on::text, 'granted_by_id', l.granted_by_id, 'valid_from', l.valid_from::text,
    'valid_from_precision', l.valid_from_precision, 'valid_to', l.valid_to::text, 'valid_to_precision', l.valid_to_precision,
    'end_confirmed', l.end_confirmed, 'status', l.status, 'theme', l.theme, 'note', l.note, 'note_en', l.note_en) order by l.valid_from, l.position), '[]')
  from label l where l.ecosystem_id = ${ecosystemId})`;
function primeLabels(ctx: RequestContext, rows: { id: string; labels: LabelRow[] }[]): void {
  const labels = ctx.loader(labelsByEcosystem);
  for (const row of rows) labels.prime(row.id, row.labels.map(toLabel));
}
function toLabel(r: LabelRow): LabelNode {
  return asNode('Label', {
    id: r.id, ecosystemId: r.ecosystem_id, kind: r.kind, campaignId: r.campaign_id, grantedOn: r.granted_on, grantedById: r.granted_by_id,
    validFrom: r.valid_from, validTo: r.valid_to, status: r.status, theme: r.theme, note: r.note, noteEn: r.note_en, endConfirmed: r.end_confirmed,
    start: partialDate(firstDayOf(r.valid_from, r.valid_from_precision), r.valid_from_precision)!, end: partialDate(r.valid_to, r.valid_to_precision),
  }) as unknown as LabelNode;
}
export const labelsByCampaign = defineLoader<string, LabelNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<LabelRow>(ctx.em,
    `select ${LABEL_COLUMNS}
     from label l where l.campaign_id = any($1::uuid[]) order by l.campaign_id, l.valid_from, l.ecosystem_id`, [ids]);
  return groupByKey(ids, rows, (r) => r.campaign_id!).map((labels) => labels.map(toLabel));
});
export const labelById = defineLoader<string, LabelNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<LabelRow>(ctx.em,
    `select ${LABEL_COLUMNS} from label l where l.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map(toLabel), (l) => l.uuid);
});

export type LinkNode = HierarchyLink & { uuid: string; childId: string; parentId: string };
interface LinkRow { id: string; child_id: string; parent_id: string; valid_from: string; valid_to: string | null; note: string | null; note_en: string | null }
/**
 * The ecosystem at the other end of a link comes along in the link's row (prefixed columns) and is
 * primed into `ecosystemById`: a parent or a level of children costs one statement instead of two.
 */
const ALONG_NAMES = ECOSYSTEM_COLUMNS.split(', ').map((c) => [`e.${c.slice(2)}`, c.slice(2)] as const);
const ECOSYSTEM_ALONG = ALONG_NAMES.map(([along, column]) => `e.${column} as "${along}"`).join(', ');
function primeEcosystems<Row extends Record<string, unknown>>(ctx: RequestContext, rows: Row[], idOf: (row: Row) => string): void {
  const ecosystems = ctx.loader(ecosystemById);
  for (const row of rows) {
    // Every column of ECOSYSTEM_COLUMNS: a primed ecosystem is the one ecosystemById would have read.
    const ecosystem: Record<string, unknown> = {};
    for (const [along, column] of ALONG_NAMES) ecosystem[column] = row[along];
    ecosystems.prime(idOf(row), toEcosystem(ecosystem as unknown as EcosystemRow));
  }
}

const LINK_COLUMNS = `a.id, a.child_id, a.parent_id, a.valid_from::text, a.valid_to::text, a.note, a.note_en`;
function toLink(r: LinkRow): LinkNode {
  return asNode('HierarchyLink', { id: r.id, childId: r.child_id, parentId: r.parent_id, validFrom: r.valid_from, validTo: r.valid_to, note: r.note, noteEn: r.note_en }) as unknown as LinkNode;
}
/** Links up from an ecosystem (to its parents over time). */
export const linksByChild = defineLoader<string, LinkNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<LinkRow & Record<string, unknown> & { names: NameRow[] }>(ctx.em,
    `select ${LINK_COLUMNS}, ${ECOSYSTEM_ALONG}, ${namesOf('e.id')} as names from attachment a join ecosystem e on e.id = a.parent_id
     where a.child_id = any($1::uuid[]) order by a.child_id, a.valid_from`, [ids]);
  primeEcosystems(ctx, rows, (r) => r.parent_id);
  primeNames(ctx, rows, (r) => r.parent_id, (r) => r.names);
  return groupByKey(ids, rows, (r) => r.child_id).map((links) => links.map(toLink));
});
/** Links down from an ecosystem (to its children over time). */
export const linksByParent = defineLoader<string, LinkNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<LinkRow & Record<string, unknown> & { names: NameRow[] }>(ctx.em,
    `select ${LINK_COLUMNS}, ${ECOSYSTEM_ALONG}, ${namesOf('e.id')} as names from attachment a join ecosystem e on e.id = a.child_id
     where a.parent_id = any($1::uuid[]) order by a.parent_id, a.valid_from, a.child_id`, [ids]);
  primeEcosystems(ctx, rows, (r) => r.child_id);
  primeNames(ctx, rows, (r) => r.child_id, (r) => r.names);
  return groupByKey(ids, rows, (r) => r.parent_id).map((links) => links.map(toLink));
});
export const linkById = defineLoader<string, LinkNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<LinkRow>(ctx.em, `select ${LINK_COLUMNS} from attachment a where a.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map(toLink), (l) => l.uuid);
});

export type CampaignNode = Campaign & { uuid: string };
export const campaignById = defineLoader<string, CampaignNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<{ id: string; slug: string; name: string; announced_on: string | null; announced_on_precision: string | null; period_start: string | null; period_end: string | null; description: string | null; description_en: string | null; note: string | null; note_en: string | null }>(ctx.em,
    `select c.id, c.slug, c.name, c.announced_on::text, c.announced_on_precision, c.period_start::text, c.period_end::text, c.description, c.description_en, c.note, c.note_en
     from campaign c where c.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map((r) => asNode('Campaign', {
    id: r.id, slug: r.slug, name: r.name, announcedOn: partialDate(r.announced_on, r.announced_on_precision),
    periodStart: r.period_start, periodEnd: r.period_end, description: r.description, descriptionEn: r.description_en, note: r.note, noteEn: r.note_en,
  }) as unknown as CampaignNode), (c) => c.uuid);
});

/** The first day of the period a partial date names (a label's `validFrom` may be later: its campaign's opening). */
function firstDayOf(day: string, precision: string): string {
  return precision === 'YEAR' ? `${day.slice(0, 4)}-01-01` : precision === 'MONTH' ? `${day.slice(0, 7)}-01` : day;
}

// --- what holds on a date -------------------------------------------------------------------------


export interface LabelDates { status: string; validFrom: string; validTo: string | null; endConfirmed?: boolean }

/**
 * Where a label stands on a day — the one home of the rule (its SQL twin below says when it is ACTIVE):
 * - a withdrawn label was in force until its `validTo` (the day before the withdrawal) and is
 *   WITHDRAWN after it; one withdrawn without an end date never counts as in force;
 * - past its period, a label is EXPIRED only when a source confirms the end (`endConfirmed`) or the
 *   ecosystem holds a later label (renewed, or relabelled); otherwise no source says what became of
 *   it and it is UNCONFIRMED — "not found" is not "expired".
 * `later` are the ecosystem's other labels (pass them to tell EXPIRED from UNCONFIRMED).
 */
export function labelStatus(label: LabelDates, day: string, others: LabelDates[] = []): LabelStatus {
  const withdrawn = label.status === 'WITHDRAWN';
  if (withdrawn && label.validTo === null) return LabelStatus.WITHDRAWN;
  if (day < label.validFrom) return LabelStatus.UPCOMING;
  if (label.validTo !== null && day > label.validTo) {
    if (withdrawn) return LabelStatus.WITHDRAWN;
    const followed = others.some((o) => o !== label && o.validFrom > label.validFrom && o.validFrom <= day);
    return label.endConfirmed || followed ? LabelStatus.EXPIRED : LabelStatus.UNCONFIRMED;
  }
  return LabelStatus.ACTIVE;
}

/** SQL twin of labelStatus(…) = ACTIVE, for a label aliased `l` and a date parameter. */
export function labelInForceSql(day: string): string {
  return `l.valid_from <= ${day} and (l.valid_to is null or l.valid_to >= ${day}) and not (l.status = 'WITHDRAWN' and l.valid_to is null)`;
}

/**
 * SQL twin of labelStatus(…) = UNCONFIRMED on a day, for a label aliased `l`: past its period, not
 * withdrawn, no source dating its end, and no later label of the ecosystem begun by that day.
 */
export function labelUnconfirmedSql(day: string): string {
  return `l.valid_to < ${day} and l.status <> 'WITHDRAWN' and not l.end_confirmed
    and not exists (select 1 from label o where o.ecosystem_id = l.ecosystem_id and o.id <> l.id and o.valid_from > l.valid_from and o.valid_from <= ${day})`;
}

/** The label in force on a day; a capital label wins over a community label granted for the same day. */
export function labelOn(labels: LabelNode[], day: string): LabelNode | null {
  const inForce = labels.filter((l) => labelStatus(l, day) === LabelStatus.ACTIVE);
  const rank = (kind: LabelKind) => LABEL_KIND_PRECEDENCE.indexOf(kind);
  return inForce.sort((a, b) => rank(a.kind) - rank(b.kind))[0] ?? null;
}

/** The name used on a day: the latest name whose period covers it, else the earliest name. */
export function nameOn(names: NameRow[], day: string): string {
  const current = names.filter((n) => periodCovers(n.valid_from, n.valid_to, day)).at(-1);
  return (current ?? names[0])?.name ?? '';
}

export function linkOn(links: LinkNode[], day: string): LinkNode | null {
  return links.filter((l) => periodCovers(l.validFrom, l.validTo, day)).at(-1) ?? null;
}

export async function nameOf(ctx: RequestContext, ecosystemId: string, day: string): Promise<string> {
  return nameOn(await ctx.loader(namesByEcosystem).load(ecosystemId), day);
}

export async function parentOf(ctx: RequestContext, ecosystemId: string, day: string): Promise<EcosystemNode | null> {
  const link = linkOn(await ctx.loader(linksByChild).load(ecosystemId), day);
  return link ? ctx.loader(ecosystemById).load(link.parentId) : null;
}

/**
 * loadMany answers a failed batch with Error values in place of rows: the first one is thrown, so the
 * field fails with its cause (a stopped request, a database error) rather than a TypeError further on.
 */
function failFirst<T>(values: (T | Error)[]): T[] {
  const failed = values.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  return values as T[];
}

/** Children attached on a day that hold a label on that day, optionally of one kind. */
export async function childrenOf(ctx: RequestContext, ecosystemId: string, day: string, kind?: string): Promise<EcosystemNode[]> {
  const links = (await ctx.loader(linksByParent).load(ecosystemId)).filter((l) => periodCovers(l.validFrom, l.validTo, day));
  const childIds = [...new Set(links.map((l) => l.childId))];
  const labels = failFirst(await ctx.loader(labelsByEcosystem).loadMany(childIds));
  const kept = childIds.filter((id, i) => {
    const label = labelOn(labels[i] as LabelNode[], day);
    return label !== null && (kind === undefined || label.kind === kind);
  });
  const children = failFirst(await ctx.loader(ecosystemById).loadMany(kept)) as EcosystemNode[];
  return children.sort((a, b) => compareText(a.slug, b.slug));
}

/** The path from the root down to the ecosystem's parent, for breadcrumbs. Stops on a cycle. */
export async function ancestorsOf(ctx: RequestContext, ecosystemId: string, day: string): Promise<EcosystemNode[]> {
  const path: EcosystemNode[] = [];
  const seen = new Set([ecosystemId]);
  let current = await parentOf(ctx, ecosystemId, day);
  while (current && !seen.has(current.uuid)) {
    path.unshift(current);
    seen.add(current.uuid);
    current = await parentOf(ctx, current.uuid, day);
  }
  return path;
}

/** Every ecosystem below, breadth first; one batched query per level. */
export async function descendantsOf(ctx: RequestContext, ecosystemId: string, day: string): Promise<EcosystemNode[]> {
  const result: EcosystemNode[] = [];
  const seen = new Set([ecosystemId]);
  let level = [ecosystemId];
  while (level.length > 0) {
    const children = (await Promise.all(level.map((id) => childrenOf(ctx, id, day)))).flat().filter((c) => !seen.has(c.uuid));
    children.forEach((c) => seen.add(c.uuid));
    result.push(...children);
    level = children.map((c) => c.uuid);
  }
  return result;
}
