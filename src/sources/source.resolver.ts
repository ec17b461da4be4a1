import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { NonNegativeIntResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { badInput } from '../graphql/errors.js';
import { Source } from './source.types.js';
import { SourceKind } from './source.record.js';
import { citationCountBySource, sourceColumns, sourceBySlug, toSource, type SourceRow } from './source.loaders.js';

export const SourceConnection = connectionType(Source, 'Source', 'source');

@InputType({ description: 'Narrows a list of sources. Every condition given must hold.' })
export class SourceFilter {
  @Field(() => SourceKind, { nullable: true, description: 'Only documents of this kind.' })
  kind?: SourceKind;

  @Field(() => String, { nullable: true, description: 'Only documents from this publisher (exact name, ignoring case and accents, e.g. "La Tribune").' })
  publisher?: string;
}

@ArgsType()
class SourceListArgs extends PageArgs {
  @Field(() => SourceFilter, { nullable: true, description: 'Conditions on the sources.' })
  filter?: SourceFilter;
}

@Resolver(() => Source)
export class SourceResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What to know when relying on this source, in the language asked (French by default).' })
  note(@Root() s: Source, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, s.note, s.noteEn);
  }

  @Query(() => Source, { nullable: true, description: 'One source by its slug; null if there is none.' })
  source(@Arg('slug', { description: 'Slug of the source, e.g. "article-littoral-hdf-2019".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(sourceBySlug).load(slug);
  }

  @Query(() => SourceConnection, { description: 'The documents the network\'s records cite, by slug.' })
  sources(@Args() args: SourceListArgs, @Ctx() ctx: RequestContext) {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = ['s.archived_at is null'];
    if (filter.kind) where.push(`s.kind = $${params.push(filter.kind)}`);
    if (filter.publisher !== undefined && filter.publisher !== null) {
      if (filter.publisher.trim() === '') throw badInput('filter.publisher', 'must not be empty');
      where.push(`lower(unaccent(s.publisher)) = lower(unaccent($${params.push(filter.publisher.trim())}))`);
    }
    return paginate<SourceRow>(ctx, {
      select: sourceColumns(ctx.em), from: 'source s', where, params, orderBy: ['s.slug'], idColumn: 's.id',
      cursorOf: (r) => [r.slug], toNode: toSource,
    }, args);
  }

  @FieldResolver(() => NonNegativeIntResolver, { description: 'How many records and dated relations (labels, links, roles…) cite this source.' })
  cites(@Root() s: Source & { uuid: string }, @Ctx() ctx: RequestContext) {
    return ctx.loader(citationCountBySource).load(s.uuid);
  }
}
