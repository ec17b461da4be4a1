import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Person } from './person.types.js';
import { Organisation, Role } from './role.types.js';
import { PERSON_COLUMNS, personById, personBySlug, rolesByPerson, toPerson, type PersonNode, type PersonRow, type RoleNode } from './person.loaders.js';
import { loadReference } from './organisation.js';

export const PersonConnection = connectionType(Person, 'Person', 'person');

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know about the sources of the person\'s roles (undated pages, conflicting names), in the language asked (French by default).' })
  note(@Root() p: Person, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, p.note, p.noteEn);
  }

  @Query(() => Person, { nullable: true, description: 'One person by slug; null if there is none. Contact details are served only through `contact`, to API tokens (viewer and up).' })
  person(@Arg('slug', { description: 'Slug of the person, e.g. "cedric-o".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(personBySlug).load(slug);
  }

  @Query(() => PersonConnection, { description: 'People in public roles, by slug.' })
  people(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return paginate<PersonRow>(ctx, {
      select: PERSON_COLUMNS, from: 'person p', where: [], params: [], orderBy: ['p.slug'], idColumn: 'p.id',
      cursorOf: (r) => [r.slug], toNode: toPerson,
    }, args);
  }

  @FieldResolver(() => [Role], { description: 'The public roles the person holds or held, in the order of the sources.' })
  roles(@Root() p: PersonNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(rolesByPerson).load(p.uuid);
  }

  @FieldResolver(() => [Source], { description: 'Where what is said of this person comes from.' })
  sources(@Root() p: PersonNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, p);
  }
}

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => Person, { description: 'Who holds the role.' })
  person(@Root() r: RoleNode, @Ctx() ctx: RequestContext) {
    return ctx.loader(personById).load(r.personId);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Where the role is held: an association, an institution or an ecosystem.' })
  organisation(@Root() r: RoleNode, @Ctx() ctx: RequestContext) {
    return loadReference(ctx, r.organisationType, r.organisationId);
  }

  @FieldResolver(() => [Source], { description: 'Where the role is attested.' })
  sources(@Root() r: RoleNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, r);
  }
}
