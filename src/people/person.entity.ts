import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { editableColumns, notArchived, text, uuidKey } from '../database/columns.js';

/**
 * A person with a public role. Their contact details are personal data: only person-contact.ts
 * (role-checked, for the API) and the seed loader read or write them. The entity declares them for the
 * schema, lazy (no entity load selects them) and hidden (never serialised).
 */
export const Person = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    id: uuidKey(),
    slug: text('slug').unique(),
    name: text('name'),
    contactPhone: p.text().nullable().lazy().hidden(),
    contactEmail: p.text().nullable().lazy().hidden(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    ...editableColumns(),
  },
  filters: notArchived,
});
export type Person = InferEntity<typeof Person>;
