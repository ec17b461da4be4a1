import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { Coordinates, coordinates, CoordinatesPrecision } from '../graphql/common-types.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Territory } from '../territories/territory.types.js';
import { territoryById, type TerritoryNode } from '../territories/territory.loaders.js';
import { checkInseeCode } from '../territories/insee-code.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { ecosystemById } from '../ecosystems/ecosystem.loaders.js';
import { loadReference } from '../people/organisation.js';
import { Actor } from '../partnerships/actor.js';
import { Hub, HubLink } from './hub.types.js';
import { HubKind } from './hub.record.js';
import { hubById, hubColumns, hubBySlug, linksByEcosystem, linksByHub, toHub, type HubLinkNode, type HubNode, type HubRow } from './hub.loaders.js';
import { inScope } from '../territories/territory-scope.js';

export const HubConnection = connectionType(Hub, 'Hub', 'hub');

@InputType({ description: 'Narrows a list of hubs. Every condition given must hold.' })
export class HubFilter {
  @Field(() => [HubKind], { nullable: true, description: 'Only hubs of these kinds.' })
  kinds?: HubKind[];

  @Field(() => String, { nullable: true, description: 'INSEE code of the region of the hub\'s commune ("44" for Grand Est).' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of the department of the hub\'s commune ("57" for Moselle).' })
  departmentCode?: string;

  @Field(() => String, { nullable: true, description: 'Only hubs linked (in any role, at any time) to the ecosystem with this slug.' })
  ecosystemSlug?: string;
}

@ArgsType()
class HubListArgs extends PageArgs {
  @Field(() => HubFilter, { nullable: true, description: 'Conditions on the hubs.' })
  filter?: HubFilter;
}

@Resolver(() => Hub)
export class HubResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know: caveats, inferred dates, sources that disagree, in the language asked (French by default).' })
  note(@Root() h: Hub, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, h.note, h.noteEn);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the place is, in the language asked (French by default).' })
  description(@Root() h: HubNode, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, h.description, h.descriptionEn);
  }

  @Query(() => Hub, { nullable: true, description: 'One hub by slug; null if there is none.' })
  hub(@Arg('slug', { description: 'Slug of the hub, e.g. "bliiida".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(hubBySlug).load(slug);
  }

  @Query(() => HubConnection, { description: 'Places of the network (totems, incubators, coworking spaces, campuses, venues), by name.' })
  hubs(@Args() args: HubListArgs, @Ctx() ctx: RequestContext) {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = ['h.archived_at is null'];
    if (filter.kinds?.length) where.push(`h.kind = any($${params.push(filter.kinds)}::text[])`);
    if (filter.regionCode) {
      const p = params.push(checkInseeCode(filter.regionCode, 'filter.regionCode', 'region'));
      where.push(inScope('region_code', `$${p}`, 'h.locality_id'));
    }
    if (filter.departmentCode) {
      const p = params.push(checkInseeCode(filter.departmentCode, 'filter.departmentCode', 'department'));
      where.push(inScope('department_code', `$${p}`, 'h.locality_id'));
    }
    if (filter.ecosystemSlug) {
      where.push(`exists (select 1 from hub_ecosystem l join ecosystem e on e.id = l.ecosystem_id where l.hub_id = h.id and e.slug = $${params.push(filter.ecosystemSlug)})`);
    }
    return paginate<HubRow>(ctx, {
      select: hubColumns(ctx.em), from: 'hub h', where, params, orderBy: ['h.name'], idColumn: 'h.id',
      cursorOf: (r) => [r.name], toNode: toHub,
    }, args);
  }

  @FieldResolver(() => Territory, { description: 'The commune (or city abroad) it is in.' })
  locality(@Root() h: HubNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(territoryById).load(h.localityId);
  }

  @FieldResolver(() => Coordinates, { nullable: true, description: 'Where to put it on a map: its own point (EXACT) when a source gives it, else the centre of its commune (COMMUNE).' })
  async coordinates(@Root() h: HubNode, @Ctx() ctx: RequestContext) {
    if (h.latitude != null && h.longitude != null) return coordinates(h.latitude, h.longitude, CoordinatesPrecision.EXACT);
    const locality = (await ctx.loader(territoryById).load(h.localityId)) as TerritoryNode | null;
    const point = locality?.coordinates;
    return point ? coordinates(point.latitude, point.longitude, CoordinatesPrecision.COMMUNE) : null;
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who runs the place: an association or an institution; null when no source says.' })
  operator(@Root() h: HubNode, @Ctx() ctx: RequestContext) {
    return loadReference(ctx, h.operatorType ?? null, h.operatorId ?? null);
  }

  @FieldResolver(() => [HubLink], { description: 'The ecosystems it serves, with its role and the period, in the order of the sources.' })
  ecosystems(@Root() h: HubNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(linksByHub).load(h.uuid);
  }

  @FieldResolver(() => [Source], { description: 'Where what is said of this place comes from.' })
  sources(@Root() h: HubNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, h);
  }
}

@Resolver(() => HubLink)
export class HubLinkResolver {
  @FieldResolver(() => Hub, { description: 'The place.' })
  hub(@Root() l: HubLinkNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(hubById).load(l.hubId);
  }

  @FieldResolver(() => Ecosystem, { description: 'The ecosystem it serves.' })
  ecosystem(@Root() l: HubLinkNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemById).load(l.ecosystemId);
  }

  @FieldResolver(() => [Source], { description: 'Where the link is attested.' })
  sources(@Root() l: HubLinkNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, l);
  }
}

@Resolver(() => Ecosystem)
export class EcosystemHubsResolver {
  @FieldResolver(() => [HubLink], { description: 'The places serving it (totems first), each with its role and period. Batched over lists of ecosystems.' })
  hubs(@Root() e: { uuid: string }, @Ctx() ctx: RequestContext) {
    return ctx.loader(linksByEcosystem).load(e.uuid);
  }
}
