import type { EntityData } from '@mikro-orm/core';
import type { ReferenceResolver } from '../editing/references.js';
import type { Ecosystem } from './ecosystem.entity.js';

/**
 * An ecosystem's own row from its seed form (seeds/ecosystems/*.yaml, `ecosystemCreate`'s input): the
 * seed loader's and the mutation's one mapping. Its names, labels, attachments and territories are
 * rows of their own; its region, department and drawn point are worked out from them.
 */
export const ecosystemRecord = {
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Ecosystem>> {
    return {
      slug: d.slug, countryCode: d.country ?? 'FR', seatId: await refs.optionalId('locality', d.seat),
      description: d.description ?? null, descriptionEn: d.descriptionEn ?? null, website: d.website ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
