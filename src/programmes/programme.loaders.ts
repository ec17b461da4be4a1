import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldValues, plainFieldKeys } from '../editing/record-fields.js';
import { sqlByKeys } from '../database/sql.js';
import { selectList } from '../database/select-list.js';
import { TERRITORY_COLUMNS, toTerritory, type TerritoryNode, type TerritoryRow } from '../territories/territory.loaders.js';
import { Programme } from './programme.entity.js';
import { PROGRAMME_FIELDS } from './programme.record.js';
import type { Programme as ProgrammeType, ProgrammeDeployment } from './programme.types.js';

/**
 * A programme's select list: its entity's columns under their property names (selectList), and its
 * operator's slug resolved in the same statement (`p` is the programme table's alias).
 */
export const programmeColumns = (em: EntityManager) => `${selectList(em, Programme, 'p')},
  case p.operator_type when 'Association' then (select a.slug from association a where a.id = p.operator_id)
                       when 'Institution' then (select i.slug from institution i where i.id = p.operator_id) end as "operatorSlug"`;

/** A programme's row (programmeColumns); exact decimals come as text. */
export type ProgrammeRow = Omit<Programme, 'createdAt' | 'updatedAt' | 'archivedAt' | 'version' | 'fundingMaxAmount' | 'fundingRate'>
  & { operatorSlug: string | null; fundingMaxAmount: string | null; fundingRate: string | null };
export type ProgrammeNode = ProgrammeType & { uuid: string; operatorType: string | null; operatorId: string | null };

export function toProgramme(r: ProgrammeRow): ProgrammeNode {
  const hasFunding = r.fundingMaxAmount !== null || r.fundingRate !== null || r.fundingNote !== null;
  // fieldValues' copy is the node: spreading it into another object cost a copy per programme.
  const node = fieldValues(PROGRAMME_FIELDS, r) as ProgrammeRow & Record<string, unknown>;
  node.operatorKind = r.operatorType;
  node.eligibility = { headcountBelow: r.headcountBelow, headcountAtLeast: r.headcountAtLeast, stages: r.stages ?? [], note: r.eligibilityNote, noteEn: r.eligibilityNoteEn };
  node.funding = hasFunding ? {
    maxAmount: r.fundingMaxAmount === null ? null : Number(r.fundingMaxAmount), maxAmountText: r.fundingMaxAmount,
    currency: r.fundingCurrency?.trim() ?? null, rate: r.fundingRate === null ? null : Number(r.fundingRate), note: r.fundingNote, noteEn: r.fundingNoteEn,
  } : null;
  return asNode('Programme', node) as unknown as ProgrammeNode;
}

/** A narrow read's columns: the id, the operator (the key of the operator's lists) and the plain fields. */
const plainProgrammeColumns = (em: EntityManager) => selectList(em, Programme, 'p', ['id', 'operatorId', ...plainFieldKeys(PROGRAMME_FIELDS)]);
/** A narrowly read programme: only `id` and the plain fields may be asked of it (answersFromPlainFields). */
const toPlainProgramme = (r: ProgrammeRow) => asNode('Programme', r) as unknown as ProgrammeNode;

export const programmeById = defineLoader<string, ProgrammeNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<ProgrammeRow>(ctx.em, `select ${programmeColumns(ctx.em)} from programme p where p.id = any($1::uuid[]) and p.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toProgramme), (p) => p.uuid);
});

export const programmeBySlug = defineLoader<string, ProgrammeNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<ProgrammeRow>(ctx.em, `select ${programmeColumns(ctx.em)} from programme p where p.slug = any($1::text[]) and p.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toProgramme), (p) => p.slug);
});

/** Where each programme is open (empty: everywhere in France). */
export const territoriesByProgramme = defineLoader<string, TerritoryNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<TerritoryRow & { programme_id: string }>(ctx.em,
    `select pt.programme_id, ${TERRITORY_COLUMNS} from programme_territory pt join territory t on t.id = pt.territory_id
     where pt.programme_id = any($1::uuid[]) order by pt.programme_id, t.kind, t.code, t.slug`, [ids]);
  return groupByKey(ids, rows, (r) => r.programme_id).map((group) => group.map(toTerritory));
});

export type DeploymentNode = ProgrammeDeployment & { uuid: string; programmeId: string; ecosystemId: string };
interface DeploymentRow { id: string; programme_id: string; ecosystem_id: string; valid_from: string | null; valid_to: string | null }
const toDeployment = (r: DeploymentRow): DeploymentNode =>
  ({ uuid: r.id, programmeId: r.programme_id, ecosystemId: r.ecosystem_id, validFrom: r.valid_from, validTo: r.valid_to });

export const deploymentsByProgramme = defineLoader<string, DeploymentNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<DeploymentRow>(ctx.em,
    `select d.id, d.programme_id, d.ecosystem_id, d.valid_from::text, d.valid_to::text from programme_deployment d
     where d.programme_id = any($1::uuid[]) order by d.programme_id, d.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.programme_id).map((group) => group.map(toDeployment));
});

const byEcosystem = (columns: string) => `select distinct on (d.ecosystem_id, p.name, p.id) d.ecosystem_id, ${columns}
  from programme_deployment d join programme p on p.id = d.programme_id
  where d.ecosystem_id = any($1::uuid[]) and p.archived_at is null order by d.ecosystem_id, p.name, p.id`;

/** Programmes deployed by each ecosystem (any period), by name. */
export const programmesByEcosystem = defineLoader<string, ProgrammeNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<ProgrammeRow & { ecosystem_id: string }>(ctx.em, byEcosystem(programmeColumns(ctx.em)), [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((group) => group.map(toProgramme));
});

/** The same, read narrowly (see plainProgrammesByOperator). */
export const plainProgrammesByEcosystem = defineLoader<string, ProgrammeNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<ProgrammeRow & { ecosystem_id: string }>(ctx.em, byEcosystem(plainProgrammeColumns(ctx.em)), [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((group) => group.map(toPlainProgramme));
});

const BY_OPERATOR = `from programme p where p.operator_id = any($1::uuid[]) and p.archived_at is null order by p.operator_id, p.name, p.id`;

/** Programmes run by each operator (association or institution uuid), by name. */
export const programmesByOperator = defineLoader<string, ProgrammeNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<ProgrammeRow>(ctx.em, `select ${programmeColumns(ctx.em)} ${BY_OPERATOR}`, [ids]);
  return groupByKey(ids, rows, (r) => r.operatorId!).map((group) => group.map(toProgramme));
});

/**
 * The same programmes read narrowly: their id and plain fields only, for a list that asks nothing
 * else (`programmes { name }` under every association of the national map). The whole row is 28
 * columns and a subquery for the operator's slug; decoding it was a quarter of that map's time. Its
 * nodes are never primed into programmeById, which holds whole programmes only.
 */
export const plainProgrammesByOperator = defineLoader<string, ProgrammeNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<ProgrammeRow>(ctx.em, `select ${plainProgrammeColumns(ctx.em)} ${BY_OPERATOR}`, [ids]);
  return groupByKey(ids, rows, (r) => r.operatorId!).map((group) => group.map(toPlainProgramme));
});
