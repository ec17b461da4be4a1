import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

/**
 * The columns most tables share, as entity properties (src/<domain>/<kind>.entity.ts). Column names
 * are given explicitly: the tables come from hand-written migrations, and test/entities.test.ts checks
 * that the entities describe them exactly.
 */

/** A uuid key, generated here so that a new record's id is known before the flush (its children refer to it). */
export const uuidKey = () => p.uuid().primary().defaultRaw('gen_random_uuid()').onCreate(() => randomUUID());

/** Optimistic locking: MikroORM checks and bumps it on every update of the record. */
export const versionColumn = () => p.integer().version().default(1);

export const createdAt = () => p.datetime().columnType('timestamptz').fieldName('created_at').defaultRaw('now()');
export const updatedAt = () => p.datetime().columnType('timestamptz').fieldName('updated_at').defaultRaw('now()').onUpdate(() => new Date());
export const archivedAt = () => p.datetime().columnType('timestamptz').fieldName('archived_at').nullable();

/** What every editable record keeps beside its fields: its version, when it was created and changed, and archived. */
export const editableColumns = () => ({ version: versionColumn(), createdAt: createdAt(), updatedAt: updatedAt(), archivedAt: archivedAt() });

/** A date column (`YYYY-MM-DD` strings). */
export const date = (column: string) => p.date().columnType('date').fieldName(column);
/**
 * The precision of a partial date ("2019", "2019-04", "2019-04-03"). The column's type is the
 * `date_precision` domain, whose check holds the values; MikroORM reads a domain column as its base type.
 */
export const datePrecision = (column: string) => p.text().$type<'YEAR' | 'MONTH' | 'DAY'>().fieldName(column);
export const text = (column: string) => p.text().fieldName(column);

/** WGS 84 coordinates as numbers, with the range checks of the migrations (as PostgreSQL prints them). */
export const latitude = () => p.double().$type<number>().runtimeType('number').nullable().check(`((latitude >= '-90'::double precision) AND (latitude <= '90'::double precision))`);
export const longitude = () => p.double().$type<number>().runtimeType('number').nullable().check(`((longitude >= '-180'::double precision) AND (longitude <= '180'::double precision))`);

/**
 * A foreign key, held as the referenced row's id (no entity hydration: the write side works on ids).
 * PostgreSQL's default rules (no action) unless the relation says otherwise (`.deleteRule('cascade')`).
 */
export const reference = <Target extends { '~entity': any }>(target: Target, column: string) =>
  p.manyToOne(target).mapToPk().fieldName(column).index(false).updateRule('no action').deleteRule('no action');

/**
 * Archived records leave the public API and are never deleted. Entity loads (the write side) skip them
 * unless a caller turns the filter off (`filters: { notArchived: false }`), as the seed loader does.
 */
export const notArchived = {
  notArchived: { name: 'notArchived', cond: { archivedAt: null }, default: true },
};
