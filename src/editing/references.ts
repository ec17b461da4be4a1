import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import { parseRef } from '../seeding/seed-refs.js';
import { formatPartialDate, parsePartialDate, type DatePrecision, type PartialDate } from '../shared/partial-date.js';

/** GraphQL type names double as the discriminator of polymorphic references (as in write-seeds.ts). */
const SUBJECT_TYPE: Record<string, string> = {
  ecosystem: 'Ecosystem', association: 'Association', institution: 'Institution', programme: 'Programme',
  event: 'Event', hub: 'Hub', person: 'Person', region: 'Territory', department: 'Territory',
  commune: 'Territory', area: 'Territory', country: 'Territory',
};

/**
 * How a record definition (src/<domain>/<kind>.record.ts) turns the seed form's references into ids:
 * from the database for a mutation (References below), from the records already written for the seed
 * loader (src/seeding/write-seeds.ts).
 */
export interface ReferenceResolver {
  readonly em: EntityManager;
  /** uuid of a record named by slug (a locality by its territory slug for a mutation, its seed slug for the loader). */
  id(kind: string, key: string): Promise<string>;
  optionalId(kind: string, key: unknown): Promise<string | null>;
  /** `kind:key` → [type, uuid] (null, null when absent); `Type` names the types the column accepts. */
  polymorphic<Type extends string = string>(value: unknown): Promise<[Type | null, string | null]>;
  /** Publication dates of the dated sources among `slugs` (a role's "as of"). */
  sourceDates(slugs: readonly string[]): Promise<PartialDate[]>;
}

/**
 * How a record definition's `toSeed` writes ids back as seed-form references: from the database, one
 * lookup per reference, for a mutation (References below); from maps read set-based for a whole
 * collection (src/seeding/seed-forms.ts).
 */
export interface SeedReferences {
  /** Slug of a row of `table` (undefined when the id is null). */
  slug(table: string, id: string | null | undefined): Promise<string | undefined>;
  /** A commune or a city as a record's seat or locality. */
  locality(id: string | null | undefined): Promise<string | undefined>;
  /** [type, uuid] → `kind:key`, the way the seeds write it. */
  ref(type: string | null | undefined, id: string | null | undefined): Promise<string | undefined>;
}

/**
 * Seed-form references (`cap-numeric`, `association:cap-numeric`, `region:32`) to rows and back.
 * Only called on records that passed the rules, so every reference resolves.
 */
export class References implements ReferenceResolver, SeedReferences {
  constructor(readonly em: EntityManager) {}

  /** uuid of a record named by slug (localities by territory slug). */
  async id(kind: string, key: string): Promise<string> {
    const [row] = await sql<{ id: string }>(this.em,
      kind === 'locality' ? `select id from territory where slug = $1 and kind in ('COMMUNE', 'CITY')`
        : ['region', 'department', 'commune', 'area', 'country'].includes(kind) ? `select id from territory where kind = upper('${kind}') and code = $1`
          : `select id from ${kind} where slug = $1`, [key]);
    if (!row) throw new Error(`internal: ${kind} "${key}" passed validation but does not resolve`);
    return row.id;
  }

  async optionalId(kind: string, key: unknown): Promise<string | null> {
    return typeof key === 'string' ? this.id(kind, key) : null;
  }

  /** `kind:key` → [type, uuid] (null, null when absent). */
  async polymorphic<Type extends string = string>(value: unknown): Promise<[Type | null, string | null]> {
    if (typeof value !== 'string') return [null, null];
    const ref = parseRef(value)!;
    // The seed rules admitted only the kinds this reference accepts.
    return [SUBJECT_TYPE[ref.kind] as Type, await this.id(ref.kind, ref.key)];
  }

  async sourceDates(slugs: readonly string[]): Promise<PartialDate[]> {
    return sql<PartialDate>(this.em, `select to_char(published_on, 'YYYY-MM-DD') as date, published_on_precision as precision from source
      where slug = any($1::text[]) and published_on is not null`, [slugs]);
  }

  /** Slug of a row (undefined when the id is null). */
  async slug(table: string, id: string | null | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    const [row] = await sql<{ slug: string }>(this.em, `select slug from ${table} where id = $1`, [id]);
    return row?.slug;
  }

  /** A locality by its territory slug (`commune-59350`), as the mutations' inputs name it. */
  async locality(id: string | null | undefined): Promise<string | undefined> {
    return this.slug('territory', id);
  }

  /** [type, uuid] → `kind:key`, the way the seeds write it. */
  async ref(type: string | null | undefined, id: string | null | undefined): Promise<string | undefined> {
    if (!type || !id) return undefined;
    if (type === 'Territory') {
      const [row] = await sql<{ kind: string; code: string }>(this.em, `select kind, code from territory where id = $1`, [id]);
      return row ? `${row.kind.toLowerCase()}:${row.code}` : undefined;
    }
    const slug = await this.slug(type.toLowerCase(), id);
    return slug && `${type.toLowerCase()}:${slug}`;
  }
}

// --- dates between seed form and columns ------------------------------------------------------------

export const day = (value: unknown): string | null => (value === undefined || value === null ? null : parsePartialDate(value as string)?.date ?? null);
export const precision = (value: unknown): DatePrecision | null => (value === undefined || value === null ? null : parsePartialDate(value as string)?.precision ?? null);
/** A stored date and precision back to seed form (`2019`, `2019-04`, `2019-04-03`). */
export const partial = (date: string | null | undefined, p: string | null | undefined): string | undefined => (date ? formatPartialDate(date, (p ?? 'DAY') as DatePrecision) : undefined);

/** Drops undefined and null values: the seed form has no nulls. */
export function compact<T extends Record<string, unknown>>(data: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null));
}
