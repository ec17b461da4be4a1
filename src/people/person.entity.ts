import { defineEntity } from '@mikro-orm/core';
import { archivedAt, createdAt, notArchived, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';

/** A person with a public role. Contact details are personal data (see person-contact.ts). */
export const Person = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    id: uuidKey(),
    slug: text('slug').unique(),
    name: text('name'),
    // Declared for the schema only: lazy (no entity load selects them) and hidden (never serialised).
    // They are read in one place, src/people/person-contact.ts, for viewers and up.
    contactPhone: text('contact_phone').nullable().lazy().hidden(),
    contactEmail: text('contact_email').nullable().lazy().hidden(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  filters: notArchived,
});
