import type { EntityData } from '@mikro-orm/core';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import type { Association } from './association.entity.js';

/**
 * An association between its seed form (seeds/associations.yaml, the mutations' inputs) and its
 * entity: the seed loader's and the mutations' one mapping. (Its carried labels are child rows the
 * seed loader writes itself.)
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
