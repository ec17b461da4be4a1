import type { EntityData } from '@mikro-orm/core';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import type { Programme } from './programme.entity.js';

const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
const nonEmpty = (o: Record<string, unknown>) => (Object.keys(o).length > 0 ? o : undefined);

/**
 * A programme between its seed form (seeds/programmes.yaml, the mutations' inputs) and its entity:
 * the seed loader's and the mutations' one mapping. (Its territories and deployments are child rows.)
 */
export const programmeRecord = {
  async toSeed(r: Programme, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({
      slug: r.slug, name: r.name, operator: await refs.ref(r.operatorType, r.operatorId), level: r.level, kind: r.kind, description: r.description, descriptionEn: r.descriptionEn,
      eligibility: nonEmpty(compact({ headcountBelow: r.headcountBelow, headcountAtLeast: r.headcountAtLeast, stages: r.stages?.length ? r.stages : undefined, note: r.eligibilityNote, noteEn: r.eligibilityNoteEn })),
      funding: nonEmpty(compact({ maxAmount: num(r.fundingMaxAmount), rate: num(r.fundingRate),
        // EUR goes without saying when an amount is given (toData's default).
        currency: r.fundingCurrency?.trim() === 'EUR' && num(r.fundingMaxAmount) !== undefined ? undefined : r.fundingCurrency?.trim(), note: r.fundingNote, noteEn: r.fundingNoteEn })),
      startsOn: partial(r.startsOn, r.startsOnPrecision), endsOn: partial(r.endsOn, r.endsOnPrecision), status: r.status, note: r.note, noteEn: r.noteEn,
    });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Programme>> {
    const [operatorType, operatorId] = await refs.polymorphic<NonNullable<Programme['operatorType']>>(d.operator);
    return {
      slug: d.slug, name: d.name, operatorType: operatorType, operatorId: operatorId, level: d.level, kind: d.kind,
      description: d.description ?? null, descriptionEn: d.descriptionEn ?? null, headcountBelow: d.eligibility?.headcountBelow ?? null,
      headcountAtLeast: d.eligibility?.headcountAtLeast ?? null, stages: d.eligibility?.stages ?? [],
      eligibilityNote: d.eligibility?.note ?? null, eligibilityNoteEn: d.eligibility?.noteEn ?? null, fundingMaxAmount: d.funding?.maxAmount ?? null,
      fundingRate: d.funding?.rate ?? null, fundingCurrency: d.funding?.maxAmount !== undefined ? (d.funding?.currency ?? 'EUR') : (d.funding?.currency ?? null),
      fundingNote: d.funding?.note ?? null, fundingNoteEn: d.funding?.noteEn ?? null, startsOn: day(d.startsOn), startsOnPrecision: precision(d.startsOn),
      endsOn: day(d.endsOn), endsOnPrecision: precision(d.endsOn), status: d.status, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
