import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate, type ConnectionResult } from '../graphql/pagination.js';
import { badInput } from '../graphql/errors.js';
import { Coordinates, CoordinatesPrecision } from '../graphql/common-types.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Territory } from '../territories/territory.types.js';
import { checkInseeCode } from '../territories/insee-code.js';
import { territoriesByEcosystem, territoryById, type TerritoryNode } from '../territories/territory.loaders.js';
import { Person } from '../people/person.types.js';
import { personById } from '../people/person.loaders.js';
import {
  Campaign, Ecosystem, EcosystemName, HierarchyLink, Label, LabelKind, LabelStatus,
} from './ecosystem.types.js';
import {
  ancestorsOf, campaignById, childrenOf, descendantsOf, ECOSYSTEM_COLUMNS_WITH_NAMES, ecosystemById, ecosystemBySlug, labelOn,
  labelInForceSql, labelsByCampaign, labelsByEcosystem, labelStatus, linksByChild, namesByEcosystem, nameOn, parentOf, toEcosystemWithNames,
  type CampaignNode, type EcosystemNode, type EcosystemRow, type LabelNode, type LinkNode, type NameRow,
} from './ecosystem.loaders.js';
import { sql } from '../database/sql.js';
import { CERTAINTY_FIELDS, certaintyOn, stateOnSql, type Certainty } from './certainty.js';
import { inScope, type ScopeColumn } from '../territories/territory-scope.js';

export const ASOF_DESCRIPTION = 'The date to read the network at (Europe/Paris calendar day). Default: today. No label is claimed in force after the last sourced labelling period (`network.confirmedUntil`): there, `network`, `nationalMap` and the lists of ecosystems (`ecosystems`, `capitals`, `communities`) serve the last confirmed state (`stateOn`), which nested fields can be asked for.';
const asOfArg = { nullable: true, description: ASOF_DESCRIPTION } as const;
const day = (ctx: RequestContext, asOf?: string | null) => asOf ?? ctx.today;

export const EcosystemConnection = connectionType(Ecosystem, 'Ecosystem', 'ecosystem');

@InputType({ description: 'Narrows a list of ecosystems. Every condition given must hold.' })
export class EcosystemFilter {
  @Field(() => [LabelKind], { nullable: true, description: 'Only ecosystems holding a label of one of these kinds on the `asOf` date.' })
  kinds?: LabelKind[];

  @Field(() => String, { nullable: true, description: 'INSEE code of a region the ecosystem covers or sits in ("44" for Grand Est).' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of a department the ecosystem covers or sits in ("57" for Moselle).' })
  departmentCode?: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code ("FR", "US"…).' })
  countryCode?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only in France (overseas included); false: only abroad.' })
  inFrance?: boolean;

  @Field(() => String, { nullable: true, description: 'Only ecosystems attached on the `asOf` date to the ecosystem with this slug (a capital\'s communities).' })
  parentSlug?: string;
}

@ArgsType()
export class EcosystemListArgs extends PageArgs {
  @Field(() => EcosystemFilter, { nullable: true, description: 'Conditions on the ecosystems.' })
  filter?: EcosystemFilter;

  @Field(() => LocalDateResolver, asOfArg)
  asOf?: string;
}

/** A list of ecosystems with the day it was read on: lazily, so that a client not asking costs no statement. */
type EcosystemList = ConnectionResult<EcosystemNode> & { asOf: string; readonly certainty: Promise<Certainty> };

/**
 * The list of ecosystems labelled on a day, filtered; shared by `ecosystems`, `capitals`, `communities`.
 * After the last sourced period it is read on the last confirmed day, like `network` (the day is worked
 * out inside the list's own statement, so the list costs no statement more).
 */
export async function listEcosystems(ctx: RequestContext, args: EcosystemListArgs, presetKinds?: LabelKind[]): Promise<EcosystemList> {
  const asOf = day(ctx, args.asOf);
  const filter = args.filter ?? {};
  const kinds = presetKinds ?? filter.kinds;
  const params: unknown[] = [asOf];
  const stateOn = stateOnSql('$1::date');
  const where = [
    `exists (select 1 from label l where l.ecosystem_id = e.id and ${labelInForceSql(stateOn)}
      ${kinds?.length ? `and l.kind = any($${params.push(kinds)}::text[])` : ''})`,
  ];
  const inRegionOrDepartment = (column: ScopeColumn, code: string, argument: string) => {
    const p = `$${params.push(checkInseeCode(code, argument, column === 'region_code' ? 'region' : 'department'))}`;
    return `(e.${column} = ${p} or exists (select 1 from ecosystem_territory et where et.ecosystem_id = e.id and ${inScope(column, p, 'et.territory_id')})
             or ${inScope(column, p, 'e.seat_id')})`;
  };
  if (filter.regionCode) where.push(inRegionOrDepartment('region_code', filter.regionCode, 'filter.regionCode'));
  if (filter.departmentCode) where.push(inRegionOrDepartment('department_code', filter.departmentCode, 'filter.departmentCode'));
  if (filter.countryCode) {
    if (!/^[A-Z]{2}$/.test(filter.countryCode)) throw badInput('filter.countryCode', `"${filter.countryCode}" is not an ISO 3166-1 alpha-2 code`);
    where.push(`e.country_code = $${params.push(filter.countryCode)}`);
  }
  if (filter.inFrance !== undefined && filter.inFrance !== null) where.push(filter.inFrance ? `e.country_code = 'FR'` : `e.country_code <> 'FR'`);
  if (filter.parentSlug) {
    where.push(`exists (select 1 from attachment a join ecosystem p on p.id = a.parent_id where a.child_id = e.id and p.slug = $${params.push(filter.parentSlug)}
      and a.valid_from <= ${stateOn} and (a.valid_to is null or a.valid_to >= ${stateOn}))`);
  }
  const list = await paginate<EcosystemRow & { names: NameRow[] }>(ctx, {
    select: ECOSYSTEM_COLUMNS_WITH_NAMES, from: 'ecosystem e', where, params, orderBy: ['e.slug'], idColumn: 'e.id',
    cursorOf: (r) => [r.slug], toNode: (r) => toEcosystemWithNames(ctx, r),
  }, args);
  let certainty: Promise<Certainty> | undefined;
  return Object.defineProperties(list, {
    asOf: { value: asOf, enumerable: true },
    certainty: { get: () => (certainty ??= certaintyOn(ctx.em, asOf)) },
  }) as EcosystemList;
}

@Resolver(() => EcosystemConnection)
export class EcosystemListResolver {
  @FieldResolver(() => LocalDateResolver, { description: 'The date asked for.' })
  asOf(@Root() list: EcosystemList) {
    return list.asOf;
  }

  @FieldResolver(() => LocalDateResolver, { description: `${CERTAINTY_FIELDS.stateOn} The list is the ecosystems labelled that day.` })
  async stateOn(@Root() list: EcosystemList) {
    return (await list.certainty).stateOn;
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: CERTAINTY_FIELDS.confirmedUntil })
  async confirmedUntil(@Root() list: EcosystemList) {
    return (await list.certainty).confirmedUntil;
  }

  @FieldResolver(() => Boolean, { description: CERTAINTY_FIELDS.confirmed })
  async confirmed(@Root() list: EcosystemList) {
    return (await list.certainty).confirmed;
  }
}

@Resolver(() => Ecosystem)
export class EcosystemResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know: caveats, inferred dates, sources that disagree, in the language asked (French by default).' })
  note(@Root() e: Ecosystem, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, e.note, e.noteEn);
  }

  @Query(() => Ecosystem, { nullable: true, description: 'One ecosystem by its slug; null if there is none.' })
  ecosystem(@Arg('slug', { description: 'Slug of the ecosystem, e.g. "french-tech-east".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemBySlug).load(slug);
  }

  @Query(() => EcosystemConnection, { description: 'Ecosystems holding a French Tech label on the `asOf` date, by slug; after the last sourced labelling period, on the last confirmed day (`stateOn`).' })
  ecosystems(@Args() args: EcosystemListArgs, @Ctx() ctx: RequestContext) {
    return listEcosystems(ctx, args);
  }

  @Query(() => EcosystemConnection, { description: 'Capitales French Tech labelled on the `asOf` date (13 on 2019-04-03, 16 on 2023-06-01).' })
  capitals(@Args() args: EcosystemListArgs, @Ctx() ctx: RequestContext) {
    return listEcosystems(ctx, args, [LabelKind.CAPITAL]);
  }

  @Query(() => EcosystemConnection, { description: 'Communautés French Tech labelled on the `asOf` date, in France and abroad.' })
  communities(@Args() args: EcosystemListArgs, @Ctx() ctx: RequestContext) {
    return listEcosystems(ctx, args, [LabelKind.COMMUNITY]);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the ecosystem is, in a sentence or two, in the language asked (French by default).' })
  description(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, e.description, e.descriptionEn);
  }

  @FieldResolver(() => String, { description: 'Its name on the `asOf` date (ecosystems get renamed).' })
  async name(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string) {
    return nameOn(await ctx.loader(namesByEcosystem).load(e.uuid), day(ctx, asOf));
  }

  @FieldResolver(() => [EcosystemName], { description: 'Every name it has borne, oldest first.' })
  async names(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loader(namesByEcosystem).load(e.uuid)).map((n) => ({ name: n.name, validFrom: n.valid_from, validTo: n.valid_to }));
  }

  @FieldResolver(() => LabelKind, { nullable: true, description: 'What it is on the `asOf` date: the kind of the label in force; null when it holds none.' })
  async kind(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string) {
    return labelOn(await ctx.loader(labelsByEcosystem).load(e.uuid), day(ctx, asOf))?.kind ?? null;
  }

  @FieldResolver(() => Label, { nullable: true, description: 'The label in force on the `asOf` date.' })
  async label(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string) {
    return labelOn(await ctx.loader(labelsByEcosystem).load(e.uuid), day(ctx, asOf));
  }

  @FieldResolver(() => [Label], { description: 'Label history: every label it has held, oldest first.' })
  labels(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(labelsByEcosystem).load(e.uuid);
  }

  @FieldResolver(() => Ecosystem, { nullable: true, description: 'Where it hangs in the hierarchy on the `asOf` date (a community\'s capital, a capital\'s La French Tech); null for the root.' })
  parent(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string) {
    return parentOf(ctx, e.uuid, day(ctx, asOf));
  }

  @FieldResolver(() => [Ecosystem], { description: 'Ecosystems attached to it and labelled on the `asOf` date, by slug.' })
  children(
    @Root() e: EcosystemNode, @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string,
    @Arg('kind', () => LabelKind, { nullable: true, description: 'Only children holding this kind of label.' }) kind?: LabelKind,
  ) {
    return childrenOf(ctx, e.uuid, day(ctx, asOf), kind);
  }

  @FieldResolver(() => [Ecosystem], { description: 'The path from the root (La French Tech) down to its parent on the `asOf` date, for breadcrumbs.' })
  ancestors(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string) {
    return ancestorsOf(ctx, e.uuid, day(ctx, asOf));
  }

  @FieldResolver(() => [Ecosystem], { description: 'Everything below it on the `asOf` date, level by level.' })
  descendants(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string) {
    return descendantsOf(ctx, e.uuid, day(ctx, asOf));
  }

  @FieldResolver(() => [HierarchyLink], { description: 'Hierarchy history: every attachment to a parent, oldest first.' })
  parentLinks(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(linksByChild).load(e.uuid);
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The commune (or city abroad) where it has its seat.' })
  seat(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return e.seatId ? ctx.loader(territoryById).load(e.seatId) : null;
  }

  @FieldResolver(() => [Territory], { description: 'The territories it covers (departments, regions, informal areas, countries), as its sources name them.' })
  territories(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(territoriesByEcosystem).load(e.uuid);
  }

  @FieldResolver(() => Coordinates, { nullable: true, description: 'Where to put it on a map: the centre of its seat (precision COMMUNE); without a seat, the chef-lieu of the first territory it covers (precision TERRITORY); null when neither is known (a country-wide community abroad).' })
  async coordinates(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    const placeId = e.seatId ?? e.pointTerritoryId;
    const place = placeId ? ((await ctx.loader(territoryById).load(placeId)) as TerritoryNode | null) : null;
    if (!place?.coordinates) return null;
    return e.seatId ? place.coordinates : { ...place.coordinates, precision: CoordinatesPrecision.TERRITORY };
  }

  @FieldResolver(() => [Source], { description: 'Where what is said of this ecosystem comes from.' })
  sources(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, e);
  }
}

@Resolver(() => Label)
export class LabelResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What to know about this label (sources that disagree, inferred dates), in the language asked (French by default).' })
  note(@Root() l: Label, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, l.note, l.noteEn);
  }

  @FieldResolver(() => LabelStatus, { description: 'Where the label stands on the `asOf` date.' })
  async status(@Root() l: LabelNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, asOfArg) asOf?: string) {
    const on = day(ctx, asOf);
    // The ecosystem's other labels tell EXPIRED (followed by a later label) from UNCONFIRMED.
    const others = l.validTo !== null && on > l.validTo ? await ctx.loader(labelsByEcosystem).load(l.ecosystemId) : [];
    return labelStatus(l, on, others);
  }

  @FieldResolver(() => Ecosystem, { description: 'The ecosystem that holds it.' })
  ecosystem(@Root() l: LabelNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemById).load(l.ecosystemId);
  }

  @FieldResolver(() => Campaign, { nullable: true, description: 'The campaign that granted it.' })
  campaign(@Root() l: LabelNode, @Ctx() ctx: RequestContext) {
    return l.campaignId ? ctx.loader(campaignById).load(l.campaignId) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who granted it (e.g. Cédric O, secretary of state for digital affairs, in 2019).' })
  grantedBy(@Root() l: LabelNode, @Ctx() ctx: RequestContext) {
    return l.grantedById ? ctx.loader(personById).load(l.grantedById) : null;
  }

  @FieldResolver(() => [Source], { description: 'Where the label is attested.' })
  sources(@Root() l: LabelNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, l);
  }
}

@Resolver(() => HierarchyLink)
export class HierarchyLinkResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Why the link is as it is (e.g. a territory across region lines), in the language asked (French by default).' })
  note(@Root() h: HierarchyLink, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, h.note, h.noteEn);
  }

  @FieldResolver(() => Ecosystem, { description: 'The attached ecosystem.' })
  child(@Root() l: LinkNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemById).load(l.childId);
  }

  @FieldResolver(() => Ecosystem, { description: 'The ecosystem it is attached to.' })
  parent(@Root() l: LinkNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemById).load(l.parentId);
  }

  @FieldResolver(() => [Source], { description: 'Where the attachment is attested.' })
  sources(@Root() l: LinkNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, l);
  }
}

@Resolver(() => Campaign)
export class CampaignResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know: caveats, inferred dates, sources that disagree, in the language asked (French by default).' })
  note(@Root() c: Campaign, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, c.note, c.noteEn);
  }

  @Query(() => [Campaign], { description: 'Every labelling campaign, oldest first.' })
  async campaigns(@Ctx() ctx: RequestContext) {
    const rows = await sql<{ id: string }>(ctx.em, `select id from campaign order by announced_on nulls last, slug`);
    return ctx.loader(campaignById).loadMany(rows.map((r) => r.id));
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the campaign was, in the language asked (French by default).' })
  description(@Root() c: CampaignNode, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, c.description, c.descriptionEn);
  }

  @FieldResolver(() => [Label], { description: 'The labels it granted.' })
  labels(@Root() c: CampaignNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(labelsByCampaign).load(c.uuid);
  }

  @FieldResolver(() => [Source], { description: 'Where the campaign is attested.' })
  sources(@Root() c: CampaignNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, c);
  }
}
