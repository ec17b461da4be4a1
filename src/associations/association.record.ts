import type { EntityData } from '@mikro-orm/core';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import type { Association } from './association.entity.js';
import { sql } from '../database/sql.js';
import { itemSources, writePositioned, type ChildList } from '../editing/child-rows.js';
import { lastDay } from '../shared/partial-date.js';

/**
 * An association between its seed form (seeds/associations.yaml, the mutations' inputs) and its
 * entity: the seed loader's and the mutations' one mapping. (Its carried labels are a child list,
 * CARRIES below.)
 */
export const associationRecord = {
  async toSeed(r: Association, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({
      slug: r.slug, name: r.name, legalForm: r.legalForm, kind: r.kind, foundedIn: partial(r.foundedIn, r.foundedInPrecision),
      seat: await refs.locality(r.seatId), mission: r.mission, missionEn: r.missionEn, website: r.website, note: r.note, noteEn: r.noteEn,
    });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Association>> {
    return {
      slug: d.slug, name: d.name, legalForm: d.legalForm, kind: d.kind ?? null, foundedIn: day(d.foundedIn),
      foundedInPrecision: precision(d.foundedIn), seatId: await refs.optionalId('locality', d.seat), mission: d.mission ?? null, missionEn: d.missionEn ?? null, website: d.website ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};

/** `associations[].carries` of the seed files: the ecosystems whose label the association carries, with the period. */
export const CARRIES: ChildList = {
  field: 'carries',
  read: (em, id) => sql<{ item: Record<string, unknown> }>(em,
    `select jsonb_strip_nulls(jsonb_build_object('ecosystem', e.slug, 'from', c.valid_from, 'to', c.valid_to, 'sources', ${itemSources('Carrier', 'c')})) as item
     from carrier c join ecosystem e on e.id = c.ecosystem_id where c.association_id = $1 order by c.position`, [id]).then((rows) => rows.map((r) => r.item)),
  async write(refs, id, items) {
    return writePositioned(refs.em, 'carrier', 'association_id', id, 'Carrier', await Promise.all((items as Record<string, any>[]).map(async (c) => ({
      columns: { ecosystem_id: await refs.id('ecosystem', c.ecosystem), valid_from: day(c.from), valid_to: lastDay(c.to) },
      sources: c.sources as string[],
    }))));
  },
};
