import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, InputType, Int, ObjectType, Query, Resolver, Root, createUnionType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { loadNodeByType } from '../graphql/node.js';
import { badInput } from '../graphql/errors.js';
import { sql } from '../database/sql.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Territory } from '../territories/territory.types.js';
import { territoryById } from '../territories/territory.loaders.js';
import { checkInseeCode } from '../territories/insee-code.js';
import { lastDaySql } from '../shared/partial-date.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { ecosystemById, type EcosystemNode } from '../ecosystems/ecosystem.loaders.js';
import { Association } from '../associations/association.types.js';
import type { AssociationNode } from '../associations/association.loaders.js';
import { Institution } from '../institutions/institution.types.js';
import type { InstitutionNode } from '../institutions/institution.loaders.js';
import { CompanyStage, Eligibility, Funding, Programme, ProgrammeDeployment } from './programme.types.js';
import { PROGRAMME_FIELDS, ProgrammeKind, ProgrammeLevel, ProgrammeStatus } from './programme.record.js';
import { answersFromPlainFields } from '../editing/record-fields.js';
import {
  deploymentsByProgramme, plainProgrammesByEcosystem, plainProgrammesByOperator, programmeColumns, programmeById, programmeBySlug, programmesByEcosystem,
  programmesByOperator, territoriesByProgramme,
  toProgramme, type DeploymentNode, type ProgrammeNode, type ProgrammeRow,
} from './programme.loaders.js';
import { inScope, PLACE_TERRITORIES, type ScopeColumn } from '../territories/territory-scope.js';

export const Operator = createUnionType({
  name: 'Operator',
  description: 'The organisation that runs a programme: a supporting association or a partner institution.',
  types: () => [Association, Institution] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

export const ProgrammeConnection = connectionType(Programme, 'Programme', 'programme');

@InputType({ description: 'Narrows a list of programmes. Every condition given must hold.' })
export class ProgrammeFilter {
  @Field(() => [ProgrammeLevel], { nullable: true, description: 'Only programmes run at one of these levels.' })
  levels?: ProgrammeLevel[];

  @Field(() => [ProgrammeKind], { nullable: true, description: 'Only programmes of one of these kinds.' })
  kinds?: ProgrammeKind[];

  @Field(() => [ProgrammeStatus], { nullable: true, description: 'Only programmes in one of these statuses.' })
  statuses?: ProgrammeStatus[];

  @Field(() => String, { nullable: true, description: 'Only programmes run by the association or institution with this slug.' })
  operatorSlug?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of a region: programmes whose territories lie in it or cover it ("44" for Grand Est). Programmes open everywhere (no territory) are not included: use `programmeFinder` for "what can I apply to here".' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of a department: programmes whose territories lie in it or cover it ("67" for Bas-Rhin). Same rule as `regionCode` for nationwide programmes.' })
  departmentCode?: string;

  @Field(() => String, { nullable: true, description: 'Only programmes deployed by the ecosystem with this slug.' })
  ecosystemSlug?: string;
}

@ArgsType()
export class ProgrammeListArgs extends PageArgs {
  @Field(() => ProgrammeFilter, { nullable: true, description: 'Conditions on the programmes.' })
  filter?: ProgrammeFilter;
}

@InputType({ description: 'Who is looking for a programme, where and when. Give exactly one of `communeCode`, `departmentCode`, `regionCode`.' })
export class ProgrammeFinderInput {
  @Field(() => LocalDateResolver, { nullable: true, description: 'The day the programme must be open on. Default: today (Europe/Paris).' })
  on?: string;

  @Field(() => Int, { description: 'Staff of the organisation (a non-negative integer).' })
  headcount!: number;

  @Field(() => String, { nullable: true, description: 'INSEE code of the commune the organisation is in ("67482" for Strasbourg).' })
  communeCode?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of its department ("67"), when the commune is not given.' })
  departmentCode?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of its region ("44"), when neither commune nor department is given.' })
  regionCode?: string;

  @Field(() => CompanyStage, { nullable: true, description: 'Its stage: programmes targeting other stages are left out (programmes with no stage condition stay).' })
  stage?: CompanyStage;
}

@ObjectType({ description: 'A programme the organisation can apply to, and why it matched.' })
export class ProgrammeMatch {
  @Field(() => Programme, { description: 'The programme.' })
  programme!: ProgrammeNode;

  @Field(() => Boolean, { description: 'True when the programme has no territory, i.e. is open everywhere in France.' })
  nationwide!: boolean;

  matchedTerritoryId!: string | null;
}

/** The last day a programme runs (a year or a month ends on its last day). */
const LAST_DAY_OF_END = lastDaySql('p.ends_on', 'p.ends_on_precision');

export function listProgrammes(ctx: RequestContext, args: ProgrammeListArgs) {
  const filter = args.filter ?? {};
  const params: unknown[] = [];
  const where: string[] = ['p.archived_at is null'];
  if (filter.levels?.length) where.push(`p.level = any($${params.push(filter.levels)}::text[])`);
  if (filter.kinds?.length) where.push(`p.kind = any($${params.push(filter.kinds)}::text[])`);
  if (filter.statuses?.length) where.push(`p.status = any($${params.push(filter.statuses)}::text[])`);
  if (filter.operatorSlug) {
    const n = params.push(filter.operatorSlug);
    where.push(`(exists (select 1 from association a where a.id = p.operator_id and a.slug = $${n})
              or exists (select 1 from institution i where i.id = p.operator_id and i.slug = $${n}))`);
  }
  // Once per territory link (inScope), in a semi-join over the links: the `exists` over the view made
  // PostgreSQL build the whole view per request (28–100 ms with the seeded database's 35,000 communes,
  // 0.3 ms now); this form's cost grows with the links instead (8 ms for the synthetic network's 720
  // against 2 ms before, far more links than the real network's 16).
  const servesScope = (column: ScopeColumn, code: string, argument: string) => {
    checkInseeCode(code, argument, column === 'region_code' ? 'region' : 'department');
    return `p.id in (select pt.programme_id from programme_territory pt where ${inScope(column, `$${params.push(code)}`, 'pt.territory_id')})`;
  };
  if (filter.regionCode) where.push(servesScope('region_code', filter.regionCode, 'filter.regionCode'));
  if (filter.departmentCode) where.push(servesScope('department_code', filter.departmentCode, 'filter.departmentCode'));
  if (filter.ecosystemSlug) {
    where.push(`exists (select 1 from programme_deployment d join ecosystem e on e.id = d.ecosystem_id
                        where d.programme_id = p.id and e.slug = $${params.push(filter.ecosystemSlug)})`);
  }
  return paginate<ProgrammeRow>(ctx, {
    select: programmeColumns(ctx.em), from: 'programme p', where, params, orderBy: ['p.slug'], idColumn: 'p.id',
    cursorOf: (r) => [r.slug], toNode: toProgramme,
  }, args);
}

interface Place { kind: 'COMMUNE' | 'DEPARTMENT' | 'REGION'; code: string; argument: string }

function placeOf(input: ProgrammeFinderInput): Place {
  const given = ([
    ['communeCode', 'COMMUNE', 'commune'],
    ['departmentCode', 'DEPARTMENT', 'department'],
    ['regionCode', 'REGION', 'region'],
  ] as const).filter(([field]) => input[field] != null);
  if (given.length === 0) throw badInput('input.communeCode', 'give exactly one of communeCode, departmentCode or regionCode (none given)');
  if (given.length > 1) throw badInput(`input.${given[1]![0]}`, `give exactly one of communeCode, departmentCode or regionCode (got ${given.map((g) => g[0]).join(' and ')})`);
  const [field, kind, inseeKind] = given[0]!;
  return { kind, code: checkInseeCode(input[field]!, `input.${field}`, inseeKind), argument: `input.${field}` };
}

/** Programmes open on a day to an organisation of a size, in a place: one statement after the place lookup. */
export async function findProgrammes(ctx: RequestContext, input: ProgrammeFinderInput, first: number): Promise<ProgrammeMatch[]> {
  if (!Number.isInteger(input.headcount) || input.headcount < 0) throw badInput('input.headcount', `must be a non-negative integer (got ${input.headcount})`);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', `must be between 1 and 100 (got ${first})`);
  const place = placeOf(input);
  const [where] = await sql<{ territory_ids: string[] }>(ctx.em, PLACE_TERRITORIES, [place.kind, place.code]);
  if (!where) throw badInput(place.argument, `no French ${place.kind.toLowerCase()} has the INSEE code "${place.code}"`);
  const on = input.on ?? ctx.today;
  const rows = await sql<ProgrammeRow & { matched_territory_id: string | null; has_territories: boolean }>(ctx.em,
    `select ${programmeColumns(ctx.em)}, m.territory_id as matched_territory_id
     from programme p
     left join lateral (
       select pt.territory_id from programme_territory pt
       where pt.programme_id = p.id and pt.territory_id = any($1::uuid[])
       order by array_position($1::uuid[], pt.territory_id)
       limit 1) m on true
     -- only what a source says is running: an UNKNOWN status is not offered as open
     where p.status in ('ACTIVE', 'PILOT')
       and (p.starts_on is null or p.starts_on <= $2::date)
       and (p.ends_on is null or ${LAST_DAY_OF_END} >= $2::date)
       and (p.headcount_below is null or p.headcount_below > $3)
       and (p.headcount_at_least is null or p.headcount_at_least <= $3)
       and ($4::text is null or cardinality(p.stages) = 0 or $4::text = any(p.stages))
       -- a programme without territories is open everywhere only when it is national
       and (m.territory_id is not null or (p.level = 'NATIONAL' and not exists (select 1 from programme_territory pt where pt.programme_id = p.id)))
     order by m.territory_id is null, p.name, p.id
     limit $5`,
    [where.territory_ids, on, input.headcount, input.stage ?? null, first]);
  return rows.map((r) => ({ programme: toProgramme(r), nationwide: r.matched_territory_id === null, matchedTerritoryId: r.matched_territory_id }));
}

@Resolver(() => Eligibility)
export class EligibilityResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Other conditions, in the words of the sources, in the language asked (French by default).' })
  note(@Root() e: Eligibility, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, e.note, e.noteEn);
  }
}

@Resolver(() => Funding)
export class FundingResolver {
  @FieldResolver(() => String, { nullable: true, description: 'How the funding works, in the words of the sources, in the language asked (French by default).' })
  note(@Root() f: Funding, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, f.note, f.noteEn);
  }
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know: caveats, inferred dates, sources that disagree, in the language asked (French by default).' })
  note(@Root() p: Programme, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, p.note, p.noteEn);
  }

  @Query(() => Programme, { nullable: true, description: 'One programme by its slug; null if there is none.' })
  programme(@Arg('slug', { description: 'Slug of the programme, e.g. "beecome".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(programmeBySlug).load(slug);
  }

  @Query(() => ProgrammeConnection, { description: 'Programmes, national and local, by slug.' })
  programmes(@Args() args: ProgrammeListArgs, @Ctx() ctx: RequestContext) {
    return listProgrammes(ctx, args);
  }

  @Query(() => [ProgrammeMatch], { description: 'The programme finder: programmes open on a day to an organisation of a given size and stage, located in a commune, department or region. Open means ACTIVE or PILOT per the sources (a programme whose status no source confirms is not offered) and within its dates. National programmes with no territory are open everywhere in France. Local matches come first, then nationwide ones, by name.' })
  programmeFinder(
    @Arg('input', () => ProgrammeFinderInput, { description: 'The organisation: size, place, stage, and the day.' }) input: ProgrammeFinderInput,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most this many programmes (1 to 100).' }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    return findProgrammes(ctx, input, first);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the programme is, in the language asked (French by default).' })
  description(@Root() p: ProgrammeNode, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, p.description, p.descriptionEn);
  }

  @FieldResolver(() => Operator, { nullable: true, description: 'The association or institution that runs it.' })
  operator(@Root() p: ProgrammeNode, @Ctx() ctx: RequestContext) {
    return p.operatorType && p.operatorId ? loadNodeByType(ctx, p.operatorType, p.operatorId) : null;
  }

  @FieldResolver(() => [Territory], { description: 'Where it is open; empty when open everywhere in France.' })
  territories(@Root() p: ProgrammeNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(territoriesByProgramme).load(p.uuid);
  }

  @FieldResolver(() => [ProgrammeDeployment], { description: 'The ecosystems that deploy it on their territory, with dates and sources.' })
  deployedBy(@Root() p: ProgrammeNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(deploymentsByProgramme).load(p.uuid);
  }

  @FieldResolver(() => [Source], { description: 'Where what is said of this programme comes from.' })
  sources(@Root() p: ProgrammeNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, p);
  }
}

@Resolver(() => ProgrammeDeployment)
export class ProgrammeDeploymentResolver {
  @FieldResolver(() => Ecosystem, { description: 'The ecosystem deploying the programme.' })
  ecosystem(@Root() d: DeploymentNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemById).load(d.ecosystemId);
  }

  @FieldResolver(() => Programme, { description: 'The programme deployed.' })
  programme(@Root() d: DeploymentNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(programmeById).load(d.programmeId);
  }

  @FieldResolver(() => [Source], { description: 'Where the deployment is attested.' })
  sources(@Root() d: DeploymentNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, d);
  }
}

@Resolver(() => ProgrammeMatch)
export class ProgrammeMatchResolver {
  @FieldResolver(() => Territory, { nullable: true, description: 'The programme territory the place lies in (the commune itself, its department, an area covering its department, or its region); null for a nationwide programme.' })
  matchedTerritory(@Root() m: ProgrammeMatch, @Ctx() ctx: RequestContext) {
    return m.matchedTerritoryId ? ctx.loader(territoryById).load(m.matchedTerritoryId) : null;
  }
}

/** Whether a list of programmes may be read narrowly: it asks only their id and plain fields. */
const plainEnough = (info: GraphQLResolveInfo) => answersFromPlainFields(PROGRAMME_FIELDS, info);

@Resolver(() => Ecosystem)
export class EcosystemProgrammesResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes this ecosystem deploys (any period), by name.' })
  programmes(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.loader(plainEnough(info) ? plainProgrammesByEcosystem : programmesByEcosystem).load(e.uuid);
  }
}

@Resolver(() => Association)
export class AssociationProgrammesResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes this association runs, by name.' })
  programmes(@Root() a: AssociationNode, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.loader(plainEnough(info) ? plainProgrammesByOperator : programmesByOperator).load(a.uuid);
  }
}

@Resolver(() => Institution)
export class InstitutionProgrammesResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes this institution runs, by name.' })
  programmes(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.loader(plainEnough(info) ? plainProgrammesByOperator : programmesByOperator).load(i.uuid);
  }
}
