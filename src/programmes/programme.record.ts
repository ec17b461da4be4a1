import type { EntityData } from '@mikro-orm/core';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import type { Programme } from './programme.entity.js';
import { sql } from '../database/sql.js';
import { itemSources, NO_ROWS, territoryId, writeLinks, writePositioned, type ChildList } from '../editing/child-rows.js';
import { parseRef } from '../seeding/validate-seeds.js';
import { lastDay } from '../shared/partial-date.js';

const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
const nonEmpty = (o: Record<string, unknown>) => (Object.keys(o).length > 0 ? o : undefined);

/**
 * A programme between its seed form (seeds/programmes.yaml, the mutations' inputs) and its entity:
 * the seed loader's and the mutations' one mapping. (Its territories and deployments are child lists,
 * below.)
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

/** `programmes[].territories` of the seed files: where a programme is open (`region:32`…). */
export const PROGRAMME_TERRITORIES: ChildList = {
  field: 'territories',
  read: (em, id) => sql<{ ref: string }>(em,
    `select lower(t.kind) || ':' || t.code as ref from programme_territory pt join territory t on t.id = pt.territory_id
     where pt.programme_id = $1 order by t.kind, t.code`, [id]).then((rows) => rows.map((r) => r.ref)),
  async write(refs, id, items) {
    const territories = [];
    for (const value of items as string[]) {
      const ref = parseRef(value)!;
      territories.push({ territory_id: await territoryId(refs, ref.kind, ref.key) });
    }
    await writeLinks(refs.em, 'programme_territory', 'programme_id', id, 'territory_id', territories);
    return NO_ROWS;
  },
};

/** `programmes[].deployedBy` of the seed files: the ecosystems that deploy a programme, over a period. */
export const PROGRAMME_DEPLOYMENTS: ChildList = {
  field: 'deployedBy',
  read: (em, id) => sql<{ item: Record<string, unknown> }>(em,
    `select jsonb_strip_nulls(jsonb_build_object('ecosystem', e.slug, 'from', d.valid_from, 'to', d.valid_to, 'sources', ${itemSources('ProgrammeDeployment', 'd')})) as item
     from programme_deployment d join ecosystem e on e.id = d.ecosystem_id where d.programme_id = $1 order by d.position`, [id]).then((rows) => rows.map((r) => r.item)),
  async write(refs, id, items) {
    return writePositioned(refs.em, 'programme_deployment', 'programme_id', id, 'ProgrammeDeployment', await Promise.all((items as Record<string, any>[]).map(async (d) => ({
      columns: { ecosystem_id: await refs.id('ecosystem', d.ecosystem), valid_from: day(d.from), valid_to: lastDay(d.to) },
      sources: d.sources as string[],
    }))));
  },
};
