import type { EntityData } from '@mikro-orm/core';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import type { Institution } from './institution.entity.js';

/**
 * An institution between its seed form (seeds/institutions.yaml, the mutations' inputs) and its
 * entity: the seed loader's and the mutations' one mapping.
 */
export const institutionRecord = {
  async toSeed(r: Institution, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({
      slug: r.slug, name: r.name, kind: r.kind, parent: await refs.slug('institution', r.parentId), seat: await refs.locality(r.seatId),
      territory: await refs.ref(r.territoryId && 'Territory', r.territoryId), foundedIn: partial(r.foundedIn, r.foundedInPrecision),
      description: r.description, descriptionEn: r.descriptionEn, website: r.website, note: r.note, noteEn: r.noteEn,
    });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Institution>> {
    const [, territoryId] = await refs.polymorphic(d.territory);
    return {
      slug: d.slug, name: d.name, kind: d.kind, parentId: await refs.optionalId('institution', d.parent), seatId: await refs.optionalId('locality', d.seat),
      territoryId, foundedIn: day(d.foundedIn), foundedInPrecision: precision(d.foundedIn),
      description: d.description ?? null, descriptionEn: d.descriptionEn ?? null, website: d.website ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
