import { defineEntity, p } from '@mikro-orm/core';
import { text } from '../database/columns.js';

/** One row per searchable record (the search index; its document is French full-text with unaccent). */
export const SearchEntry = defineEntity({
  name: 'SearchEntry',
  tableName: 'search_entry',
  properties: {
    subjectType: text('subject_type').primary(),
    subjectId: p.uuid().primary().fieldName('subject_id'),
    title: text('title'),
    body: text('body'),
    document: p.string().columnType('tsvector'),
  },
  primaryKeys: ['subjectType', 'subjectId'],
  indexes: [{ name: 'search_entry_document_idx', properties: ['document'], type: 'gin' }],
});
