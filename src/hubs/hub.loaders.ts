import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { partialDate } from '../graphql/common-types.js';
import { sql } from '../database/sql.js';
import { HUB_ROLE_ORDER, type Hub, type HubLink } from './hub.types.js';

export const HUB_COLUMNS = `h.id, h.slug, h.name, h.kind, h.address, h.locality_id, h.latitude, h.longitude, h.operator_type, h.operator_id,
  h.opened_in::text, h.opened_in_precision, h.description, h.description_en, h.note, h.note_en`;
export interface HubRow {
  note: string | null; note_en: string | null;
  id: string; slug: string; name: string; kind: string; address: string | null; locality_id: string; latitude: number | null;
  longitude: number | null; operator_type: string | null; operator_id: string | null; opened_in: string | null;
  opened_in_precision: string | null; description: string | null; description_en: string | null;
}
export type HubNode = Hub & {
  uuid: string; localityId: string; latitude: number | null; longitude: number | null; operatorType: string | null; operatorId: string | null;
};

export function toHub(r: HubRow): HubNode {
  return asNode('Hub', {
    id: r.id, slug: r.slug, name: r.name, kind: r.kind, address: r.address, localityId: r.locality_id, latitude: r.latitude,
    longitude: r.longitude, operatorType: r.operator_type, operatorId: r.operator_id,
    openedIn: partialDate(r.opened_in, r.opened_in_precision), description: r.description, descriptionEn: r.description_en, note: r.note, noteEn: r.note_en,
  }) as unknown as HubNode;
}

/** SQL: the rank of a hub role column in HUB_ROLE_ORDER, to order by. */
export function hubRoleRankSql(column: string): string {
  return `(case ${column} ${HUB_ROLE_ORDER.map((role, rank) => `when '${role}' then ${rank}`).join(' ')} end)`;
}

export const hubById = defineLoader<string, HubNode | null>(async (ctx, ids) => {
  const rows = await sql<HubRow>(ctx.em, `select ${HUB_COLUMNS} from hub h where h.id = any($1::uuid[]) and h.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toHub), (h) => h.uuid);
});

export const hubBySlug = defineLoader<string, HubNode | null>(async (ctx, slugs) => {
  const rows = await sql<HubRow>(ctx.em, `select ${HUB_COLUMNS} from hub h where h.slug = any($1::text[]) and h.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toHub), (h) => h.slug);
});

export type HubLinkNode = HubLink & { uuid: string; hubId: string; ecosystemId: string };
interface HubLinkRow { id: string; hub_id: string; ecosystem_id: string; role: string; valid_from: string | null; valid_to: string | null }
const LINK_COLUMNS = `l.id, l.hub_id, l.ecosystem_id, l.role, l.valid_from::text, l.valid_to::text`;
function toLink(r: HubLinkRow): HubLinkNode {
  return asNode('HubLink', { id: r.id, hubId: r.hub_id, ecosystemId: r.ecosystem_id, role: r.role, validFrom: r.valid_from, validTo: r.valid_to }) as unknown as HubLinkNode;
}

export const hubLinkById = defineLoader<string, HubLinkNode | null>(async (ctx, ids) => {
  const rows = await sql<HubLinkRow>(ctx.em, `select ${LINK_COLUMNS} from hub_ecosystem l where l.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map(toLink), (l) => l.uuid);
});

/** The ecosystems a hub serves, in the order of the sources. */
export const linksByHub = defineLoader<string, HubLinkNode[]>(async (ctx, ids) => {
  const rows = await sql<HubLinkRow>(ctx.em, `select ${LINK_COLUMNS} from hub_ecosystem l where l.hub_id = any($1::uuid[]) order by l.hub_id, l.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.hub_id).map((g) => g.map(toLink));
});

/** The hubs serving an ecosystem: totems first, then by hub name. One statement for a whole list of ecosystems. */
export const linksByEcosystem = defineLoader<string, HubLinkNode[]>(async (ctx, ids) => {
  const rows = await sql<HubLinkRow>(ctx.em,
    `select ${LINK_COLUMNS} from hub_ecosystem l join hub h on h.id = l.hub_id where l.ecosystem_id = any($1::uuid[]) and h.archived_at is null
     order by l.ecosystem_id, ${hubRoleRankSql('l.role')}, h.name, l.id`, [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((g) => g.map(toLink));
});
