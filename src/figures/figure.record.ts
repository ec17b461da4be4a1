import type { EntityData } from '@mikro-orm/core';
import { compact, partial, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { parsePartialDate } from '../shared/partial-date.js';
import type { Figure } from './figure.entity.js';

/** The key that identifies a figure in the seeds (it has no slug): subject, metric, date and first source. */
export const figureKey = (d: Record<string, any>): string => `${d.subject}:${d.metric}:${d.asOf}:${d.sources[0]}`;

/**
 * A figure between its seed form (seeds/figures.yaml, the mutations' inputs) and its entity: the
 * seed loader's and the mutations' one mapping.
 */
export const figureRecord = {
  /** The defaults (EXACT, COUNT) are left out, as the seed files leave them out. */
  async toSeed(r: Figure, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({
      subject: await refs.ref(r.subjectType, r.subjectId), metric: r.metric, value: Number(r.value),
      qualifier: r.qualifier === 'EXACT' ? undefined : r.qualifier, unit: r.unit === 'COUNT' ? undefined : r.unit,
      asOf: partial(r.asOf, r.asOfPrecision), label: r.label, note: r.note, noteEn: r.noteEn,
    });
  },
  /** `creating`: a new figure gets its key; a correction keeps the one it was created with. */
  async toData(d: Record<string, any>, refs: ReferenceResolver, creating: boolean): Promise<EntityData<Figure>> {
    const [subjectType, subjectId] = await refs.polymorphic(d.subject);
    const asOf = parsePartialDate(d.asOf)!;
    return {
      ...(creating ? { key: figureKey(d) } : {}),
      subjectType, subjectId, metric: d.metric, value: d.value, qualifier: d.qualifier ?? 'EXACT', unit: d.unit ?? 'COUNT',
      asOf: asOf.date, asOfPrecision: asOf.precision, label: d.label ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
