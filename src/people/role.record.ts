import type { EntityData } from '@mikro-orm/core';
import { columnValues } from '../database/select-list.js';
import { writePositioned, type RowCounts } from '../editing/child-rows.js';
import { compact, day, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { lastDay, parsePartialDate, type PartialDate } from '../shared/partial-date.js';
import { Role } from './role.entity.js';

const RANK = { YEAR: 0, MONTH: 1, DAY: 2 } as const;

/** The latest of some dates: by first day, the more precise of two equal ones. */
export function latestDate(dates: PartialDate[]): PartialDate | null {
  return [...dates].sort((a, b) => a.date.localeCompare(b.date) || RANK[a.precision] - RANK[b.precision]).at(-1) ?? null;
}

/**
 * A role between its seed form (`people[].roles[]` of seeds/people.yaml, the role mutations' inputs)
 * and its entity: the one mapping the seed loader (`writeRoles`) and the mutations share.
 */
export const roleRecord = {
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Role>> {
    const [organisationType, organisationId] = await refs.polymorphic<Role['organisationType']>(d.organisation);
    // "As of": the date the role is stated at, the latest date among its sources unless given.
    const asOf = d.asOf !== undefined ? parsePartialDate(d.asOf) : latestDate(await refs.sourceDates(d.sources ?? []));
    return {
      title: d.title, organisationType: organisationType!, organisationId: organisationId!, validFrom: day(d.from), validTo: lastDay(d.to),
      asOf: asOf?.date ?? null, asOfPrecision: asOf?.precision ?? null, current: d.current ?? false,
    };
  },

  /** `current` is kept so that a correction through the API does not drop it; `asOf` is derived again from the sources. */
  async toSeed(r: Role, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({
      title: r.title, organisation: await refs.ref(r.organisationType, r.organisationId), from: r.validFrom ?? undefined, to: r.validTo ?? undefined,
      current: r.current || undefined,
    });
  },
};

/** A person's roles (seed form, in order) as its `role` rows, each citing its sources: the seed loader's write. */
export async function writeRoles(refs: ReferenceResolver, personId: string, roles: Record<string, any>[]): Promise<RowCounts> {
  // Roles are versioned (roleUpdate takes expectedVersion): a row the loader rewrites moves its version
  // on, so an editor holding the older one gets a conflict instead of overwriting the seed's values.
  return writePositioned(refs.em, 'role', 'person_id', personId, 'Role', await Promise.all(roles.map(async (r) => ({
    columns: columnValues(refs.em, Role, await roleRecord.toData(r, refs)),
    sources: r.sources as string[],
  }))), { versioned: true, updatedAt: false });
}
