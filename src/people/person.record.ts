import type { EntityData } from '@mikro-orm/core';
import type { Person } from './person.entity.js';

/**
 * A person between their seed form (`people[]` of seeds/people.yaml, without their roles: role.record.ts)
 * and their entity: the one mapping of the seed loader and of `roleCreate`, which creates a person by name.
 * The contact details are personal data: the seed loader is the only writer that has any to give.
 */
export const personRecord = {
  toData(d: Record<string, any>): EntityData<Person> {
    return {
      slug: d.slug, name: d.name, contactPhone: d.contact?.phone ?? null, contactEmail: d.contact?.email ?? null,
      note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
