import { defineEntity, p } from '@mikro-orm/core';

/** A public document that supports records: one of the five articles or a page of FACTS.md. */
export const SourceEntity = defineEntity({
  name: 'Source',
  tableName: 'source',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    slug: p.text().unique(),
    title: p.text(),
    publisher: p.text(),
    publishedOn: p.date().nullable(),
    publishedOnPrecision: p.text().nullable(),
    url: p.text().nullable(),
    file: p.text().nullable(),
    kind: p.text(),
    language: p.text().nullable(),
    note: p.text().nullable(),
    version: p.integer().version().default(1),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
