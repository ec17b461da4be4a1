import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { partialDate } from '../graphql/common-types.js';
import { sql } from '../database/sql.js';
import { TERRITORY_COLUMNS, toTerritory, type TerritoryNode, type TerritoryRow } from '../territories/territory.loaders.js';
import type { Programme, ProgrammeDeployment } from './programme.types.js';

/** Programme columns, with the operator's slug resolved in the same statement. */
export const PROGRAMME_COLUMNS = `p.id, p.slug, p.name, p.operator_type, p.operator_id,
  case p.operator_type when 'Association' then (select a.slug from association a where a.id = p.operator_id)
                       when 'Institution' then (select i.slug from institution i where i.id = p.operator_id) end as operator_slug,
  p.level, p.kind, p.description, p.description_en, p.headcount_below, p.headcount_at_least, p.stages, p.eligibility_note, p.eligibility_note_en,
  p.funding_max_amount::text, p.funding_rate::text, p.funding_currency, p.funding_note, p.funding_note_en,
  p.starts_on::text, p.starts_on_precision, p.ends_on::text, p.ends_on_precision, p.status, p.note, p.note_en`;

export interface ProgrammeRow {
  note: string | null; note_en: string | null; funding_note_en: string | null;
  id: string; slug: string; name: string; operator_type: string | null; operator_id: string | null; operator_slug: string | null;
  level: string; kind: string; description: string | null; description_en: string | null; headcount_below: number | null; headcount_at_least: number | null;
  stages: string[]; eligibility_note: string | null; eligibility_note_en: string | null; funding_max_amount: string | null; funding_rate: string | null;
  funding_currency: string | null; funding_note: string | null; starts_on: string | null; starts_on_precision: string | null;
  ends_on: string | null; ends_on_precision: string | null; status: string;
}
export type ProgrammeNode = Programme & { uuid: string; operatorType: string | null; operatorId: string | null };

export function toProgramme(r: ProgrammeRow): ProgrammeNode {
  const hasFunding = r.funding_max_amount !== null || r.funding_rate !== null || r.funding_note !== null;
  return asNode('Programme', {
    id: r.id, slug: r.slug, name: r.name, operatorType: r.operator_type, operatorId: r.operator_id,
    operatorSlug: r.operator_slug, operatorKind: r.operator_type, level: r.level, kind: r.kind, description: r.description, descriptionEn: r.description_en, note: r.note, noteEn: r.note_en,
    eligibility: { headcountBelow: r.headcount_below, headcountAtLeast: r.headcount_at_least, stages: r.stages ?? [], note: r.eligibility_note, noteEn: r.eligibility_note_en },
    funding: hasFunding ? {
      maxAmount: r.funding_max_amount === null ? null : Number(r.funding_max_amount), maxAmountText: r.funding_max_amount,
      currency: r.funding_currency?.trim() ?? null, rate: r.funding_rate === null ? null : Number(r.funding_rate), note: r.funding_note, noteEn: r.funding_note_en,
    } : null,
    startsOn: partialDate(r.starts_on, r.starts_on_precision), endsOn: partialDate(r.ends_on, r.ends_on_precision), status: r.status,
  }) as unknown as ProgrammeNode;
}

export const programmeById = defineLoader<string, ProgrammeNode | null>(async (ctx, ids) => {
  const rows = await sql<ProgrammeRow>(ctx.em, `select ${PROGRAMME_COLUMNS} from programme p where p.id = any($1::uuid[]) and p.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toProgramme), (p) => p.uuid);
});

export const programmeBySlug = defineLoader<string, ProgrammeNode | null>(async (ctx, slugs) => {
  const rows = await sql<ProgrammeRow>(ctx.em, `select ${PROGRAMME_COLUMNS} from programme p where p.slug = any($1::text[]) and p.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toProgramme), (p) => p.slug);
});

/** Where each programme is open (empty: everywhere in France). */
export const territoriesByProgramme = defineLoader<string, TerritoryNode[]>(async (ctx, ids) => {
  const rows = await sql<TerritoryRow & { programme_id: string }>(ctx.em,
    `select pt.programme_id, ${TERRITORY_COLUMNS} from programme_territory pt join territory t on t.id = pt.territory_id
     where pt.programme_id = any($1::uuid[]) order by pt.programme_id, t.kind, t.code, t.slug`, [ids]);
  return groupByKey(ids, rows, (r) => r.programme_id).map((group) => group.map(toTerritory));
});

export type DeploymentNode = ProgrammeDeployment & { uuid: string; programmeId: string; ecosystemId: string };
interface DeploymentRow { id: string; programme_id: string; ecosystem_id: string; valid_from: string | null; valid_to: string | null }
const toDeployment = (r: DeploymentRow): DeploymentNode =>
  ({ uuid: r.id, programmeId: r.programme_id, ecosystemId: r.ecosystem_id, validFrom: r.valid_from, validTo: r.valid_to });

export const deploymentsByProgramme = defineLoader<string, DeploymentNode[]>(async (ctx, ids) => {
  const rows = await sql<DeploymentRow>(ctx.em,
    `select d.id, d.programme_id, d.ecosystem_id, d.valid_from::text, d.valid_to::text from programme_deployment d
     where d.programme_id = any($1::uuid[]) order by d.programme_id, d.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.programme_id).map((group) => group.map(toDeployment));
});

/** Programmes deployed by each ecosystem (any period), by name. */
export const programmesByEcosystem = defineLoader<string, ProgrammeNode[]>(async (ctx, ids) => {
  const rows = await sql<ProgrammeRow & { ecosystem_id: string }>(ctx.em,
    `select distinct on (d.ecosystem_id, p.name, p.id) d.ecosystem_id, ${PROGRAMME_COLUMNS}
     from programme_deployment d join programme p on p.id = d.programme_id
     where d.ecosystem_id = any($1::uuid[]) and p.archived_at is null order by d.ecosystem_id, p.name, p.id`, [ids]);
  return groupByKey(ids, rows, (r) => r.ecosystem_id).map((group) => group.map(toProgramme));
});

/** Programmes run by each operator (association or institution uuid), by name. */
export const programmesByOperator = defineLoader<string, ProgrammeNode[]>(async (ctx, ids) => {
  const rows = await sql<ProgrammeRow>(ctx.em,
    `select ${PROGRAMME_COLUMNS} from programme p where p.operator_id = any($1::uuid[]) and p.archived_at is null order by p.operator_id, p.name, p.id`, [ids]);
  return groupByKey(ids, rows, (r) => r.operator_id!).map((group) => group.map(toProgramme));
});
