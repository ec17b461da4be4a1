import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { fieldValues, plainFieldKeys } from '../editing/record-fields.js';
import { sqlByKeys } from '../database/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { selectList } from '../database/select-list.js';
import { Association as AssociationEntity } from './association.entity.js';
import { ASSOCIATION_FIELDS } from './association.record.js';
import type { Association, CarriedLabel } from './association.types.js';

/** An association's row: its entity's columns under their property names (selectList). */
export type AssociationRow = Omit<AssociationEntity, 'createdAt' | 'updatedAt' | 'archivedAt' | 'version'>;
export type AssociationNode = Association & { uuid: string; seatId: string | null };

/** The select list of an association row (`a` is the association table's alias). */
export const associationColumns = (em: EntityManager) => selectList(em, AssociationEntity, 'a');

export function toAssociation(r: AssociationRow): AssociationNode {
  return asNode('Association', fieldValues(ASSOCIATION_FIELDS, r)) as unknown as AssociationNode;
}

export const associationById = defineLoader<string, AssociationNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<AssociationRow>(ctx.em, `select ${associationColumns(ctx.em)} from association a where a.id = any($1::uuid[]) and a.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toAssociation), (a) => a.uuid);
});

export const associationBySlug = defineLoader<string, AssociationNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<AssociationRow>(ctx.em, `select ${associationColumns(ctx.em)} from association a where a.slug = any($1::text[]) and a.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toAssociation), (a) => a.slug);
});

export type CarriedLabelNode = CarriedLabel & { uuid: string; associationId: string; ecosystemId: string };
interface CarrierRow { id: string; association_id: string; ecosystem_id: string; valid_from: string | null; valid_to: string | null }
const CARRIER_COLUMNS = `c.id, c.association_id, c.ecosystem_id, c.valid_from::text, c.valid_to::text`;
function toCarried(r: CarrierRow): CarriedLabelNode {
  return asNode('CarriedLabel', {
    id: r.id, associationId: r.association_id, ecosystemId: r.ecosystem_id, validFrom: r.valid_from, validTo: r.valid_to,
  }) as unknown as CarriedLabelNode;
}

export const carriedLabelById = defineLoader<string, CarriedLabelNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<CarrierRow>(ctx.em, `select ${CARRIER_COLUMNS} from carrier c where c.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map(toCarried), (c) => c.uuid);
});

/** Every label an association has carried, oldest first. */
export const carriedByAssociation = defineLoader<string, CarriedLabelNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<CarrierRow>(ctx.em,
    `select ${CARRIER_COLUMNS} from carrier c where c.association_id = any($1::uuid[])
     order by c.association_id, c.valid_from nulls first, c.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.association_id).map((g) => g.map(toCarried));
});

/** The association's columns under prefixed names (`"a.slug"`), to come along with another table's row. */
const ALONG = 'a.';
const associationAlong = (em: EntityManager) => associationColumns(em).replaceAll(' as "', ` as "${ALONG}`);

/**
 * Every association that has carried an ecosystem, oldest first: one statement for a whole level of
 * the map. The associations come along in the same rows and are primed into `associationById`, so
 * the `carriers` of a level cost one statement instead of two.
 */
export const carriedByEcosystem = defineLoader<string, CarriedLabelNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<CarrierRow & Record<string, unknown>>(ctx.em,
    `select ${CARRIER_COLUMNS}, ${associationAlong(ctx.em)} from carrier c join association a on a.id = c.association_id and a.archived_at is null
     where c.ecosystem_id = any($1::uuid[])
     order by c.ecosystem_id, c.valid_from nulls first, c.association_id`, [ids]);
  const associations = ctx.loader(associationById);
  // Every row has the same columns: the association's are found once, not sliced out of each row.
  let alongNames: (readonly [string, string])[] | undefined;
  for (const row of rows) {
    alongNames ??= Object.keys(row).filter((name) => name.startsWith(ALONG)).map((name) => [name, name.slice(ALONG.length)] as const);
    const association: Record<string, unknown> = {};
    for (const [name, property] of alongNames) association[property] = row[name];
    associations.prime(row.association_id, toAssociation(association as AssociationRow));
  }
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((g) => g.map(toCarried));
});

/** A carrier with its association read narrowly: the association's id and plain fields only. */
export interface PlainCarrier { validFrom: string | null; validTo: string | null; association: AssociationNode }
interface PlainCarrierRow extends AssociationRow { ecosystemId: string; validFrom: string | null; validTo: string | null }

/**
 * As carriedByEcosystem, for a `carriers` list that asks nothing of its associations but their id,
 * plain fields and programmes (`carriers { name programmes { name } }` on the national map): the
 * associations come narrowly, in the same order, and are not primed into associationById, which holds
 * whole associations only (answersFromPlainFields).
 */
export const plainCarriersByEcosystem = defineLoader<string, PlainCarrier[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<PlainCarrierRow>(ctx.em,
    `select c.ecosystem_id as "ecosystemId", c.valid_from::text as "validFrom", c.valid_to::text as "validTo", ${selectList(ctx.em, AssociationEntity, 'a', ['id', ...plainFieldKeys(ASSOCIATION_FIELDS)])}
     from carrier c join association a on a.id = c.association_id and a.archived_at is null
     where c.ecosystem_id = any($1::uuid[])
     order by c.ecosystem_id, c.valid_from nulls first, c.association_id`, [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystemId).map((group) => group.map(({ ecosystemId: _, validFrom, validTo, ...association }) =>
    ({ validFrom, validTo, association: asNode('Association', association) as unknown as AssociationNode })));
});

/** Whether a dated relation holds on a day (open ends hold). */
export const heldOn = (r: { validFrom: string | null; validTo: string | null }, day: string) =>
  (r.validFrom === null || r.validFrom <= day) && (r.validTo === null || day <= r.validTo);
