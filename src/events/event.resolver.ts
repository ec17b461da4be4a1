import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root, createUnionType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { loadNodeByType } from '../graphql/node.js';
import { badInput } from '../graphql/errors.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Territory } from '../territories/territory.types.js';
import { territoryById } from '../territories/territory.loaders.js';
import { checkInseeCode } from '../territories/insee-code.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { ecosystemById, type EcosystemNode } from '../ecosystems/ecosystem.loaders.js';
import { Association } from '../associations/association.types.js';
import { Institution } from '../institutions/institution.types.js';
import { Hub } from '../hubs/hub.types.js';
import { hubById } from '../hubs/hub.loaders.js';
import { Event } from './event.types.js';
import { EventKind } from './event.record.js';
import {
  ecosystemIdsByEvent, eventColumns, EVENT_LAST_DAY, eventBySlug, eventsByEcosystem, eventsByEcosystemKey, organisersByEvent, toEvent,
  type EventNode, type EventRow,
} from './event.loaders.js';
import { inScope } from '../territories/territory-scope.js';

export const EventOrganiser = createUnionType({
  name: 'EventOrganiser',
  description: 'Who organises an event: a supporting association, a partner institution or an ecosystem.',
  types: () => [Association, Institution, Ecosystem] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

export const EventConnection = connectionType(Event, 'Event', 'event');

@InputType({ description: 'Narrows a list of events. Every condition given must hold.' })
export class EventFilter {
  @Field(() => [EventKind], { nullable: true, description: 'Only events of one of these kinds.' })
  kinds?: EventKind[];

  @Field(() => String, { nullable: true, description: 'Only events linked to the ecosystem with this slug.' })
  ecosystemSlug?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only events still running on or after this day (their last day is on or after it).' })
  from?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only events starting on or before this day.' })
  to?: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of the region the event takes place in ("44" for Grand Est).' })
  regionCode?: string;
}

@ArgsType()
export class EventListArgs extends PageArgs {
  @Field(() => EventFilter, { nullable: true, description: 'Conditions on the events.' })
  filter?: EventFilter;
}

export function listEvents(ctx: RequestContext, args: EventListArgs) {
  const filter = args.filter ?? {};
  const params: unknown[] = [];
  const where: string[] = ['ev.archived_at is null'];
  if (filter.kinds?.length) where.push(`ev.kind = any($${params.push(filter.kinds)}::text[])`);
  if (filter.ecosystemSlug) {
    where.push(`exists (select 1 from event_ecosystem x join ecosystem e on e.id = x.ecosystem_id where x.event_id = ev.id and e.slug = $${params.push(filter.ecosystemSlug)})`);
  }
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('filter.to', `must not be before filter.from (${filter.from})`);
  if (filter.from) where.push(`${EVENT_LAST_DAY} >= $${params.push(filter.from)}::date`);
  if (filter.to) where.push(`ev.starts_on <= $${params.push(filter.to)}::date`);
  if (filter.regionCode) {
    const p = params.push(checkInseeCode(filter.regionCode, 'filter.regionCode', 'region'));
    where.push(inScope('region_code', `$${p}`, 'coalesce(ev.locality_id, (select h.locality_id from hub h where h.id = ev.venue_id))'));
  }
  return paginate<EventRow>(ctx, {
    select: eventColumns(ctx.em), from: 'event ev', where, params, orderBy: ['ev.starts_on'], idColumn: 'ev.id', descending: true,
    cursorOf: (r) => [r.startsOn], toNode: toEvent,
  }, args);
}

@Resolver(() => Event)
export class EventResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What a reader should know: caveats, inferred dates, sources that disagree, in the language asked (French by default).' })
  note(@Root() e: Event, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, e.note, e.noteEn);
  }

  @Query(() => Event, { nullable: true, description: 'One event by its slug; null if there is none.' })
  event(@Arg('slug', { description: 'Slug of the event, e.g. "gen1-2013".' }) slug: string, @Ctx() ctx: RequestContext) {
    return ctx.loader(eventBySlug).load(slug);
  }

  @Query(() => EventConnection, { description: 'Events of the network, newest first.' })
  events(@Args() args: EventListArgs, @Ctx() ctx: RequestContext) {
    return listEvents(ctx, args);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What happened or will happen, in the language asked (French by default).' })
  description(@Root() e: EventNode, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, e.description, e.descriptionEn);
  }

  @FieldResolver(() => Hub, { nullable: true, description: 'The place that hosts it (Cescom in Metz, Village La Poste in Strasbourg…), when known.' })
  venue(@Root() e: EventNode, @Ctx() ctx: RequestContext) {
    return e.venueId ? ctx.loader(hubById).load(e.venueId) : null;
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The commune (or city abroad) where it takes place: its own, else its venue\'s.' })
  locality(@Root() e: EventNode, @Ctx() ctx: RequestContext) {
    return e.localityId ? ctx.loader(territoryById).load(e.localityId) : null;
  }

  @FieldResolver(() => [EventOrganiser], { description: 'Who organises it, in the order the sources give.' })
  async organisers(@Root() e: EventNode, @Ctx() ctx: RequestContext) {
    const refs = await ctx.loader(organisersByEvent).load(e.uuid);
    return (await Promise.all(refs.map((r) => loadNodeByType(ctx, r.type, r.id)))).filter((o) => o !== null);
  }

  @FieldResolver(() => [Ecosystem], { description: 'The ecosystems it belongs to, by slug.' })
  async ecosystems(@Root() e: EventNode, @Ctx() ctx: RequestContext) {
    const ids = await ctx.loader(ecosystemIdsByEvent).load(e.uuid);
    return (await ctx.loader(ecosystemById).loadMany(ids)).filter((x) => x !== null && !(x instanceof Error));
  }

  @FieldResolver(() => [Source], { description: 'Where what is said of this event comes from.' })
  sources(@Root() e: EventNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, e);
  }
}

@Resolver(() => Ecosystem)
export class EcosystemEventsResolver {
  @FieldResolver(() => [Event], { description: 'Its events, latest first (upcoming ones soonest first); batched across ecosystems.' })
  events(
    @Root() e: EcosystemNode, @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most this many events (1 to 100).' }) first: number,
    @Arg('upcoming', () => Boolean, { nullable: true, description: 'true: only events not yet over (today, Europe/Paris), soonest first; false: only past events, latest first; absent: all, latest first.' }) upcoming?: boolean | null,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', `must be between 1 and 100 (got ${first})`);
    return ctx.loader(eventsByEcosystem).load(eventsByEcosystemKey(first, upcoming, e.uuid));
  }
}
