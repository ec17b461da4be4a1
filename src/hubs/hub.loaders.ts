import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { fieldValues } from '../editing/record-fields.js';
import { sqlByKeys } from '../database/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { selectList } from '../database/select-list.js';
import { Hub } from './hub.entity.js';
import { HUB_FIELDS } from './hub.record.js';
import { HUB_ROLE_ORDER, type Hub as HubType, type HubLink } from './hub.types.js';

/** A hub's row: its entity's columns under their property names (selectList). */
export type HubRow = Omit<Hub, 'createdAt' | 'updatedAt' | 'archivedAt' | 'version'>;
export type HubNode = Omit<HubRow, 'id'> & HubType & { uuid: string };

/** The select list of a hub row (`h` is the hub table's alias). */
export const hubColumns = (em: EntityManager) => selectList(em, Hub, 'h');

export function toHub(r: HubRow): HubNode {
  return asNode('Hub', fieldValues(HUB_FIELDS, r)) as unknown as HubNode;
}

/** SQL: the rank of a hub role column in HUB_ROLE_ORDER, to order by. */
export function hubRoleRankSql(column: string): string {
  return `(case ${column} ${HUB_ROLE_ORDER.map((role, rank) => `when '${role}' then ${rank}`).join(' ')} end)`;
}

export const hubById = defineLoader<string, HubNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<HubRow>(ctx.em, `select ${hubColumns(ctx.em)} from hub h where h.id = any($1::uuid[]) and h.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toHub), (h) => h.uuid);
});

export const hubBySlug = defineLoader<string, HubNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<HubRow>(ctx.em, `select ${hubColumns(ctx.em)} from hub h where h.slug = any($1::text[]) and h.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toHub), (h) => h.slug);
});

export type HubLinkNode = HubLink & { uuid: string; hubId: string; ecosystemId: string };
interface HubLinkRow { id: string; hub_id: string; ecosystem_id: string; role: string; valid_from: string | null; valid_to: string | null }
const LINK_COLUMNS = `l.id, l.hub_id, l.ecosystem_id, l.role, l.valid_from::text, l.valid_to::text`;
function toLink(r: HubLinkRow): HubLinkNode {
  return asNode('HubLink', { id: r.id, hubId: r.hub_id, ecosystemId: r.ecosystem_id, role: r.role, validFrom: r.valid_from, validTo: r.valid_to }) as unknown as HubLinkNode;
}

export const hubLinkById = defineLoader<string, HubLinkNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<HubLinkRow>(ctx.em, `select ${LINK_COLUMNS} from hub_ecosystem l where l.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map(toLink), (l) => l.uuid);
});

/** The ecosystems a hub serves, in the order of the sources. */
export const linksByHub = defineLoader<string, HubLinkNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<HubLinkRow>(ctx.em, `select ${LINK_COLUMNS} from hub_ecosystem l where l.hub_id = any($1::uuid[]) order by l.hub_id, l.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.hub_id).map((g) => g.map(toLink));
});

/** The hubs serving an ecosystem: totems first, then by hub name. One statement for a whole list of ecosystems. */
export const linksByEcosystem = defineLoader<string, HubLinkNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<HubLinkRow>(ctx.em,
    `select ${LINK_COLUMNS} from hub_ecosystem l join hub h on h.id = l.hub_id where l.ecosystem_id = any($1::uuid[]) and h.archived_at is null
     order by l.ecosystem_id, ${hubRoleRankSql('l.role')}, h.name, l.id`, [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((g) => g.map(toLink));
});
