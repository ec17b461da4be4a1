import type { EntityData } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { compact } from '../editing/references.js';
import { fieldData, fieldSeed, recordField } from '../editing/record-fields.js';
import type { Source } from './source.entity.js';

export enum SourceKind {
  PRESS_ARTICLE = 'PRESS_ARTICLE',
  PRESS_RELEASE = 'PRESS_RELEASE',
  OFFICIAL_PAGE = 'OFFICIAL_PAGE',
  DATASET = 'DATASET',
  REFERENCE = 'REFERENCE',
}
registerEnumType(SourceKind, { name: 'SourceKind', description: 'What kind of document a source is.' });

/**
 * A source's plain fields, each defined once (src/editing/record-fields.ts): its column
 * (source.entity.ts), its seed-file schema, its GraphQL field (source.types.ts) and its create/update
 * inputs (source.mutations.ts).
 */
export const SOURCE_FIELDS = {
  slug: recordField.slug('Stable, human-readable key, cited by other records.'),
  title: recordField.text('Title of the document.'),
  publisher: recordField.text('Who published it (newspaper, site, administration).'),
  publishedOn: recordField.partialDate('When it was published, as precisely as known.', { nullable: true }),
  // The inputs take a URL as a String (the URL scalar would parse it into an object the seed rules
  // refuse): source.mutations.ts writes the input field, with this description.
  url: recordField.url('Where to read it (http or https URL).', { nullable: true }),
  file: recordField.text('File name of the article in the project\'s source corpus (shared/sources), when it is one of them.', { nullable: true }),
  kind: recordField.enumeration(SourceKind, 'What kind of document it is.'),
  // The seed files accept fr, en or de only (seed-schema.ts narrows the text).
  language: recordField.text('Language of the document (ISO 639-1): fr, en or de.', { nullable: true }),
  // Served in the language asked by SourceResolver.note; editors write both.
  note: recordField.text('A note on the source, in French.', { nullable: true, output: 'resolver' }),
  noteEn: recordField.text('The note in English (a translation of `note`).', { nullable: true, output: 'resolver' }),
};

/**
 * A source between its seed form (seeds/sources*.yaml, the mutations' inputs) and its entity: the
 * seed loader's and the mutations' one mapping. A source has only plain fields.
 */
export const sourceRecord = {
  async toSeed(r: Source): Promise<Record<string, unknown>> {
    return compact(fieldSeed(SOURCE_FIELDS, r));
  },
  async toData(d: Record<string, any>): Promise<EntityData<Source>> {
    return fieldData(SOURCE_FIELDS, d);
  },
};
