import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Territory } from '../territories/territory.types.js';
import { territoryById } from '../territories/territory.loaders.js';
import { checkInseeCode } from '../territories/insee-code.js';
import { Role } from '../people/role.types.js';
import { rolesByOrganisation } from '../people/person.loaders.js';
import { Institution } from './institution.types.js';
import { InstitutionKind } from './institution.record.js';
import {
  institutionColumns, institutionById, institutionBySlug, institutionsByParent, toInstitution,
  type InstitutionNode, type InstitutionRow,
} from './institution.loaders.js';
import { inScope } from '../territories/territory-scope.js';

export const InstitutionConnection = connectionType(Institution, 'Institution', 'partner institution');

@InputType({ description: 'Narrows a list of partner institutions. Every condition given must hold.' })
export class InstitutionFilter {
  @Field(() => [InstitutionKind], { nullable: true, description: 'Only institutions of these kinds.' })
  kinds?: InstitutionKind[];

  @Field(() => String, { nullable: true, description: 'INSEE code of a region: institutions seated in it or whose territory lies in it ("84" for Auvergne-Rhône-Alpes).' })
  regionCode?: string;
}

@ArgsType()
class InstitutionListArgs extends PageArgs {
  @Field(() => InstitutionFilter, { nullable: true, description: 'Conditions on the institutions.' })
  filter?: InstitutionFilter;
}

@Resolver(() => Institution)
export class InstitutionResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know: caveats, inferred dates, sources that disagree, in the language asked (French by default).' })
  note(@Root() i: Institution, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, i.note, i.noteEn);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What it is and does for the network, in the language asked (French by default).' })
  description(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, i.description, i.descriptionEn);
  }

  @Query(() => Institution, { nullable: true, description: 'One partner institution by slug; null if there is none.' })
  institution(@Arg('slug', { description: 'Slug of the institution, e.g. "mission-french-tech".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(institutionBySlug).load(slug);
  }

  @Query(() => InstitutionConnection, { description: 'Partner institutions, by name.' })
  institutions(@Args() args: InstitutionListArgs, @Ctx() ctx: RequestContext) {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = ['i.archived_at is null'];
    if (filter.kinds?.length) where.push(`i.kind = any($${params.push(filter.kinds)}::text[])`);
    if (filter.regionCode) {
      const p = params.push(checkInseeCode(filter.regionCode, 'filter.regionCode', 'region'));
      where.push(`(${inScope('region_code', `$${p}`, 'i.seat_id')} or ${inScope('region_code', `$${p}`, 'i.territory_id')})`);
    }
    return paginate<InstitutionRow>(ctx, {
      select: institutionColumns(ctx.em), from: 'institution i', where, params, orderBy: ['i.name'], idColumn: 'i.id',
      cursorOf: (r) => [r.name], toNode: toInstitution,
    }, args);
  }

  @FieldResolver(() => Institution, { nullable: true, description: 'The institution it belongs to (the Mission French Tech\'s DGE).' })
  parent(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext) {
    return i.parentId ? ctx.loader(institutionById).load(i.parentId) : null;
  }

  @FieldResolver(() => [Institution], { description: 'The institutions that belong to it, by name.' })
  children(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(institutionsByParent).load(i.uuid);
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The commune where it has its seat.' })
  seat(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext) {
    return i.seatId ? ctx.loader(territoryById).load(i.seatId) : null;
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The territory it governs or serves (a department for a departmental council, a commune for a city).' })
  territory(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext) {
    return i.territoryId ? ctx.loader(territoryById).load(i.territoryId) : null;
  }

  @FieldResolver(() => [Role], { description: 'Public roles held in the institution (director, minister…), oldest first.' })
  people(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(rolesByOrganisation).load(i.uuid);
  }

  @FieldResolver(() => [Source], { description: 'Where what is said of this institution comes from.' })
  sources(@Root() i: InstitutionNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, i);
  }
}
