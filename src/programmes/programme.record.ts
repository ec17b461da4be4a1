import type { EntityData } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { compact, day, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { fieldData, fieldSeed, readerNote, recordField } from '../editing/record-fields.js';
import type { Programme } from './programme.entity.js';
import { sql } from '../database/sql.js';
import { itemSources, NO_ROWS, territoryId, writeLinks, writePositioned, type ChildList } from '../editing/child-rows.js';
import { parseRef } from '../seeding/seed-refs.js';
import { lastDay } from '../shared/partial-date.js';

export enum ProgrammeLevel { NATIONAL = 'NATIONAL', REGIONAL = 'REGIONAL', LOCAL = 'LOCAL' }
registerEnumType(ProgrammeLevel, {
  name: 'ProgrammeLevel',
  description: 'At which level a programme is run.',
  valuesConfig: {
    NATIONAL: { description: 'Run nationally (Mission French Tech, a national company…).' },
    REGIONAL: { description: 'Run for a region.' },
    LOCAL: { description: 'Run for a department, a metropolis, a city or an informal area.' },
  },
});

export enum ProgrammeKind {
  GRANT = 'GRANT', ACCELERATION = 'ACCELERATION', VISA = 'VISA', ONE_STOP_SHOP = 'ONE_STOP_SHOP', SUPPORT = 'SUPPORT',
  NETWORKING = 'NETWORKING', SERVICE = 'SERVICE', JOB_BOARD = 'JOB_BOARD', COMPETITION = 'COMPETITION', CHARTER = 'CHARTER',
  FUND = 'FUND', OTHER = 'OTHER',
}
registerEnumType(ProgrammeKind, {
  name: 'ProgrammeKind',
  description: 'What a programme offers.',
  valuesConfig: {
    GRANT: { description: 'Money given to laureates (grant, call for projects).' },
    ACCELERATION: { description: 'An acceleration or support track for selected companies.' },
    VISA: { description: 'A residence permit scheme.' },
    ONE_STOP_SHOP: { description: 'A single entry point to public services.' },
    SUPPORT: { description: 'Coaching, diagnostics, incubation, possibly with a grant.' },
    NETWORKING: { description: 'Meetings between members or companies.' },
    SERVICE: { description: 'A service to members (watch, press relations…).' },
    JOB_BOARD: { description: 'A job board.' },
    COMPETITION: { description: 'A competition or hackathon.' },
    CHARTER: { description: 'A charter of good practice.' },
    FUND: { description: 'An investment fund or financing scheme.' },
    OTHER: { description: 'Anything else.' },
  },
});

export enum ProgrammeStatus { PILOT = 'PILOT', ACTIVE = 'ACTIVE', ENDED = 'ENDED', UNKNOWN = 'UNKNOWN' }
registerEnumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description: 'Where a programme stands, as far as the sources show.',
  valuesConfig: {
    PILOT: { description: 'Being tested (counts as open).' },
    ACTIVE: { description: 'Running, according to a recent source.' },
    ENDED: { description: 'Closed.' },
    UNKNOWN: { description: 'The latest source is old: it may still run.' },
  },
});

/**
 * A programme's plain fields, each defined once: its column (programme.entity.ts), its seed-file
 * schema (seeds/programmes.yaml), its GraphQL field (programme.types.ts) and its create/update inputs
 * (programme.mutations.ts) come from here (src/editing/record-fields.ts). Its eligibility and funding
 * are structured (an object of several columns each): written by hand below.
 */
export const PROGRAMME_FIELDS = {
  slug: recordField.slug('Stable, human-readable key.'),
  name: recordField.text('Name of the programme.'),
  level: recordField.enumeration(ProgrammeLevel, 'Level at which it is run: national, regional or local.', { checked: true }),
  kind: recordField.enumeration(ProgrammeKind, 'What kind of programme it is: what it offers.'),
  // Served in the language asked by ProgrammeResolver.description / .note.
  description: recordField.text('What it offers, in French.', { nullable: true, output: 'resolver' }),
  descriptionEn: recordField.text('What it offers, in English (a translation of `description`).', { nullable: true, output: 'resolver' }),
  startsOn: recordField.partialDate('When it starts or started, as precisely as known.', { nullable: true }),
  endsOn: recordField.partialDate('When it ends or ended, as precisely as known; null when open-ended.', { nullable: true }),
  status: recordField.enumeration(ProgrammeStatus, 'Where it stands, as far as the sources show.', { checked: true }),
  ...readerNote(),
};

const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
const nonEmpty = (o: Record<string, unknown>) => (Object.keys(o).length > 0 ? o : undefined);

/**
 * A programme between its seed form (seeds/programmes.yaml, the mutations' inputs) and its entity:
 * the seed loader's and the mutations' one mapping. Its plain fields map themselves; its operator,
 * eligibility and funding are written here. (Its territories and deployments are child lists,
 * below.)
 */
export const programmeRecord = {
  async toSeed(r: Programme, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({
      ...fieldSeed(PROGRAMME_FIELDS, r),
      operator: await refs.ref(r.operatorType, r.operatorId),
      eligibility: nonEmpty(compact({ headcountBelow: r.headcountBelow, headcountAtLeast: r.headcountAtLeast, stages: r.stages?.length ? r.stages : undefined, note: r.eligibilityNote, noteEn: r.eligibilityNoteEn })),
      funding: nonEmpty(compact({ maxAmount: num(r.fundingMaxAmount), rate: num(r.fundingRate),
        // EUR goes without saying when an amount is given (toData's default).
        currency: r.fundingCurrency?.trim() === 'EUR' && num(r.fundingMaxAmount) !== undefined ? undefined : r.fundingCurrency?.trim(), note: r.fundingNote, noteEn: r.fundingNoteEn })),
    });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Programme>> {
    const [operatorType, operatorId] = await refs.polymorphic<NonNullable<Programme['operatorType']>>(d.operator);
    return {
      ...fieldData(PROGRAMME_FIELDS, d),
      operatorType: operatorType, operatorId: operatorId,
      headcountBelow: d.eligibility?.headcountBelow ?? null,
      headcountAtLeast: d.eligibility?.headcountAtLeast ?? null, stages: d.eligibility?.stages ?? [],
      eligibilityNote: d.eligibility?.note ?? null, eligibilityNoteEn: d.eligibility?.noteEn ?? null, fundingMaxAmount: d.funding?.maxAmount ?? null,
      fundingRate: d.funding?.rate ?? null, fundingCurrency: d.funding?.maxAmount !== undefined ? (d.funding?.currency ?? 'EUR') : (d.funding?.currency ?? null),
      fundingNote: d.funding?.note ?? null, fundingNoteEn: d.funding?.noteEn ?? null,
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
