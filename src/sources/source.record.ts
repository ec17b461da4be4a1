import type { EntityData } from '@mikro-orm/core';
import { compact, day, partial, precision } from '../editing/references.js';
import type { Source } from './source.entity.js';

/** A source between its seed form (seeds/sources*.yaml, the mutations' inputs) and its entity: the seed loader's and the mutations' one mapping. */
export const sourceRecord = {
  async toSeed(r: Source): Promise<Record<string, unknown>> {
    return compact({
      slug: r.slug, title: r.title, publisher: r.publisher, publishedOn: partial(r.publishedOn, r.publishedOnPrecision),
      url: r.url, file: r.file, kind: r.kind, language: r.language, note: r.note, noteEn: r.noteEn,
    });
  },
  async toData(d: Record<string, any>): Promise<EntityData<Source>> {
    return {
      slug: d.slug, title: d.title, publisher: d.publisher, publishedOn: day(d.publishedOn), publishedOnPrecision: precision(d.publishedOn),
      url: d.url ?? null, file: d.file ?? null, kind: d.kind, language: d.language ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
