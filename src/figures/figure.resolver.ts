import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root, createUnionType, type ClassType } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { loadNodeByType } from '../graphql/node.js';
import { badInput } from '../graphql/errors.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Territory } from '../territories/territory.types.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { Association } from '../associations/association.types.js';
import { Institution } from '../institutions/institution.types.js';
import { Event } from '../events/event.types.js';
import { Hub } from '../hubs/hub.types.js';
import { Programme } from '../programmes/programme.types.js';
import { Figure, FigureTextStyle } from './figure.types.js';
import { figureColumns, figuresBySubject, figureText, toFigure, type FigureNode, type FigureRow } from './figure.loaders.js';

/** The types a figure can be about, with the word their `figures` field describes them by. */
const FIGURE_SUBJECTS = [
  [Ecosystem, 'ecosystem'], [Territory, 'territory'], [Association, 'association'], [Institution, 'institution'],
  [Hub, 'hub'], [Event, 'event'], [Programme, 'programme'],
] as const;

export const FigureSubject = createUnionType({
  name: 'FigureSubject',
  description: 'What a figure is about: an ecosystem, a territory, an association, an institution, a hub, an event or a programme.',
  types: () => FIGURE_SUBJECTS.map(([type]) => type),
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

export const FigureConnection = connectionType(Figure, 'Figure', 'figure');

/** Tables whose records carry a slug a figure's subject can be named by. */
const SLUGGED = ['ecosystem', 'territory', 'association', 'institution', 'event', 'programme', 'hub'];

@InputType({ description: 'Narrows a list of figures. Every condition given must hold.' })
export class FigureFilter {
  @Field(() => String, { nullable: true, description: 'Only figures of this metric ("members", "registrants", "funding"…).' })
  metric?: string;

  @Field(() => String, { nullable: true, description: 'Only figures about the record with this slug (an ecosystem, association, institution, event, programme, hub or territory slug such as "commune-67482").' })
  subjectSlug?: string;
}

@ArgsType()
export class FigureListArgs extends PageArgs {
  @Field(() => FigureFilter, { nullable: true, description: 'Conditions on the figures.' })
  filter?: FigureFilter;
}

const metricArg = { nullable: true, description: 'Only figures of this metric ("members", "startups"…).' } as const;

async function figuresOf(ctx: RequestContext, subject: { uuid: string }, metric?: string | null): Promise<FigureNode[]> {
  const figures = await ctx.loader(figuresBySubject).load(subject.uuid);
  return metric ? figures.filter((f) => f.metric === metric) : figures;
}

@Resolver(() => Figure)
export class FigureResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What to know about this figure (how it was derived, contested values), in the language asked (French by default).' })
  note(@Root() f: Figure, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, f.note, f.noteEn);
  }

  @Query(() => FigureConnection, { description: 'Dated, sourced figures, latest first.' })
  figures(@Args() args: FigureListArgs, @Ctx() ctx: RequestContext) {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = ['f.archived_at is null'];
    if (filter.metric != null) {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(filter.metric)) throw badInput('filter.metric', `"${filter.metric}" is not a metric (kebab-case, e.g. "members")`);
      where.push(`f.metric = $${params.push(filter.metric)}`);
    }
    if (filter.subjectSlug != null) {
      const n = params.push(filter.subjectSlug);
      where.push(`f.subject_id in (${SLUGGED.map((t) => `select id from ${t} where slug = $${n}`).join(' union all ')})`);
    }
    return paginate<FigureRow>(ctx, {
      select: figureColumns(ctx.em), from: 'figure f', where, params, orderBy: ['f.as_of'], idColumn: 'f.id', descending: true,
      cursorOf: (r) => [r.asOf], toNode: toFigure,
    }, args);
  }

  @FieldResolver(() => FigureSubject, { nullable: true, description: 'What the figure is about.' })
  subject(@Root() f: FigureNode, @Ctx() ctx: RequestContext) {
    return loadNodeByType(ctx, f.subjectType, f.subjectId);
  }

  @FieldResolver(() => String, { description: 'The figure as a reader would say it: "more than 180", "about 150", "more than €500,000" ("> €500,000" with SYMBOLS).' })
  text(
    @Root() f: FigureNode,
    @Arg('style', () => FigureTextStyle, { defaultValue: FigureTextStyle.WORDS, description: 'Qualifier in words or as a symbol.' }) style: FigureTextStyle,
  ) {
    return figureText(f, style === FigureTextStyle.SYMBOLS);
  }

  @FieldResolver(() => [Source], { description: 'Where the number comes from.' })
  sources(@Root() f: FigureNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, f);
  }
}

/**
 * `figures(metric:)` on a type figures can be about. One resolver class per subject type, made here,
 * so that every subject of FigureSubject carries the same field.
 */
function subjectFiguresResolver(subject: ClassType, what: string): ClassType {
  @Resolver(() => subject)
  class SubjectFiguresResolver {
    @FieldResolver(() => [Figure], { description: `Dated, sourced figures about this ${what}, latest first.` })
    figures(@Root() r: { uuid: string }, @Ctx() ctx: RequestContext, @Arg('metric', () => String, metricArg) metric?: string) {
      return figuresOf(ctx, r, metric);
    }
  }
  return SubjectFiguresResolver;
}

/** The `figures` field of every subject type. */
export const SUBJECT_FIGURES_RESOLVERS = FIGURE_SUBJECTS.map(([type, what]) => subjectFiguresResolver(type, what));
