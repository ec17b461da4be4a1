import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, InputType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Territory } from '../territories/territory.types.js';
import { territoryById } from '../territories/territory.loaders.js';
import { checkInseeCode } from '../territories/insee-code.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { ecosystemById, type EcosystemNode } from '../ecosystems/ecosystem.loaders.js';
import { Role } from '../people/role.types.js';
import { rolesByOrganisation } from '../people/person.loaders.js';
import { Association, CarriedLabel } from './association.types.js';
import { ASSOCIATION_FIELDS, AssociationKind, AssociationLegalForm } from './association.record.js';
import { answersFromPlainFields } from '../editing/record-fields.js';
import {
  associationColumns, associationById, associationBySlug, carriedByAssociation, carriedByEcosystem, heldOn, plainCarriersByEcosystem, toAssociation,
  type AssociationNode, type AssociationRow, type CarriedLabelNode,
} from './association.loaders.js';
import { compareText } from '../shared/collation.js';
import { inScope } from '../territories/territory-scope.js';

const ASOF = 'The date to read the network at (Europe/Paris calendar day). Default: today.';

export const AssociationConnection = connectionType(Association, 'Association', 'supporting association');

@InputType({ description: 'Narrows a list of supporting associations. Every condition given must hold.' })
export class AssociationFilter {
  @Field(() => AssociationLegalForm, { nullable: true, description: 'Only associations of this legal form.' })
  legalForm?: AssociationLegalForm;

  @Field(() => AssociationKind, { nullable: true, description: 'Only associations of this kind.' })
  kind?: AssociationKind;

  @Field(() => String, { nullable: true, description: 'INSEE code of the region of their seat ("32" for Hauts-de-France).' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of the department of their seat ("42" for the Loire).' })
  departmentCode?: string;

  @Field(() => String, { nullable: true, description: 'Only associations that carry or carried the ecosystem with this slug, at any time.' })
  carriesEcosystemSlug?: string;
}

@ArgsType()
class AssociationListArgs extends PageArgs {
  @Field(() => AssociationFilter, { nullable: true, description: 'Conditions on the associations.' })
  filter?: AssociationFilter;
}

@Resolver(() => Association)
export class AssociationResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know: caveats, inferred dates, sources that disagree, in the language asked (French by default).' })
  note(@Root() a: Association, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, a.note, a.noteEn);
  }

  @Query(() => Association, { nullable: true, description: 'One supporting association by slug; null if there is none.' })
  association(@Arg('slug', { description: 'Slug of the association, e.g. "cap-numeric".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(associationBySlug).load(slug);
  }

  @Query(() => AssociationConnection, { description: 'Supporting associations, by name.' })
  associations(@Args() args: AssociationListArgs, @Ctx() ctx: RequestContext) {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = ['a.archived_at is null'];
    if (filter.legalForm) where.push(`a.legal_form = $${params.push(filter.legalForm)}`);
    if (filter.kind) where.push(`a.kind = $${params.push(filter.kind)}`);
    if (filter.regionCode) {
      const p = params.push(checkInseeCode(filter.regionCode, 'filter.regionCode', 'region'));
      where.push(inScope('region_code', `$${p}`, 'a.seat_id'));
    }
    if (filter.departmentCode) {
      const p = params.push(checkInseeCode(filter.departmentCode, 'filter.departmentCode', 'department'));
      where.push(inScope('department_code', `$${p}`, 'a.seat_id'));
    }
    if (filter.carriesEcosystemSlug) {
      where.push(`exists (select 1 from carrier c join ecosystem e on e.id = c.ecosystem_id where c.association_id = a.id and e.slug = $${params.push(filter.carriesEcosystemSlug)})`);
    }
    return paginate<AssociationRow>(ctx, {
      select: associationColumns(ctx.em), from: 'association a', where, params, orderBy: ['a.name'], idColumn: 'a.id',
      cursorOf: (r) => [r.name], toNode: toAssociation,
    }, args);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What it does, in the words of its sources, in the language asked (French by default).' })
  mission(@Root() a: AssociationNode, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, a.mission, a.missionEn);
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The commune where it has its seat.' })
  seat(@Root() a: AssociationNode, @Ctx() ctx: RequestContext) {
    return a.seatId ? ctx.loader(territoryById).load(a.seatId) : null;
  }

  @FieldResolver(() => [CarriedLabel], { description: 'Every French Tech label it carries or carried, oldest first.' })
  carries(@Root() a: AssociationNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(carriedByAssociation).load(a.uuid);
  }

  @FieldResolver(() => [Ecosystem], { description: 'The ecosystems it carries on the `asOf` date.' })
  async ecosystems(@Root() a: AssociationNode, @Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, { nullable: true, description: ASOF }) asOf?: string) {
    const day = asOf ?? ctx.today;
    const carried = (await ctx.loader(carriedByAssociation).load(a.uuid)).filter((c) => heldOn(c, day));
    const ecosystems = await ctx.loader(ecosystemById).loadMany([...new Set(carried.map((c) => c.ecosystemId))]);
    return (ecosystems.filter(Boolean) as EcosystemNode[]).sort((x, y) => compareText(x.slug, y.slug));
  }

  @FieldResolver(() => [Role], { description: 'Public roles held in the association (president, director…), oldest first.' })
  people(@Root() a: AssociationNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(rolesByOrganisation).load(a.uuid);
  }

  @FieldResolver(() => [Source], { description: 'Where what is said of this association comes from.' })
  sources(@Root() a: AssociationNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, a);
  }
}

@Resolver(() => CarriedLabel)
export class CarriedLabelResolver {
  @FieldResolver(() => Ecosystem, { description: 'The ecosystem whose label is carried.' })
  ecosystem(@Root() c: CarriedLabelNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemById).load(c.ecosystemId);
  }

  @FieldResolver(() => Association, { description: 'The association that carries it.' })
  association(@Root() c: CarriedLabelNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(associationById).load(c.associationId);
  }

  @FieldResolver(() => [Source], { description: 'Where the carrying is attested.' })
  sources(@Root() c: CarriedLabelNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, c);
  }
}

/** Fields of the associations domain on Ecosystem. */
@Resolver(() => Ecosystem)
export class EcosystemActorsResolver {
  @FieldResolver(() => [Association], { description: 'The associations carrying it on the `asOf` date, by name. Batched: one statement per level of a list, whatever its length.' })
  async carriers(
    @Root() e: EcosystemNode, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => LocalDateResolver, { nullable: true, description: ASOF }) asOf?: string,
  ) {
    const day = asOf ?? ctx.today;
    let associations: AssociationNode[];
    if (answersFromPlainFields(ASSOCIATION_FIELDS, info, ['programmes'])) {
      const byId = new Map<string, AssociationNode>();
      for (const c of await ctx.loader(plainCarriersByEcosystem).load(e.uuid)) if (heldOn(c, day) && !byId.has(c.association.uuid)) byId.set(c.association.uuid, c.association);
      associations = [...byId.values()];
    } else {
      const carried = (await ctx.loader(carriedByEcosystem).load(e.uuid)).filter((c) => heldOn(c, day));
      associations = (await ctx.loader(associationById).loadMany([...new Set(carried.map((c) => c.associationId))])).filter(Boolean) as AssociationNode[];
    }
    return associations.sort((x, y) => compareText(x.name, y.name));
  }

  @FieldResolver(() => [CarriedLabel], { description: 'Who carried it over time: every carrying association with its period, oldest first.' })
  carriedBy(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(carriedByEcosystem).load(e.uuid);
  }

  @FieldResolver(() => [Role], { description: 'Public roles held in the ecosystem (president, delegate director…), oldest first.' })
  people(@Root() e: EcosystemNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(rolesByOrganisation).load(e.uuid);
  }
}
