import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { LIST_DOC, setChildList, writeLinks, type ChildList } from '../editing/child-lists.js';
import { SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { asPayload } from '../editing/payload.js';
import { OrganisationReference } from '../editing/typed-references.js';
import { payloadType } from '../editing/user-error.js';
import { EVENT_KIND } from './event.mutations.js';
import { Event } from './event.types.js';

/** `events[].organisers` of the seed files: who organises an event (`association:…`, `institution:…`, `ecosystem:…`), in order. */
export const EVENT_ORGANISERS: ChildList = {
  parent: EVENT_KIND, field: 'organisers',
  read: (em, id) => sql<{ ref: string }>(em,
    `select lower(o.organiser_type) || ':' || coalesce(a.slug, i.slug, e.slug) as ref from event_organiser o
     left join association a on o.organiser_type = 'Association' and a.id = o.organiser_id
     left join institution i on o.organiser_type = 'Institution' and i.id = o.organiser_id
     left join ecosystem e on o.organiser_type = 'Ecosystem' and e.id = o.organiser_id
     where o.event_id = $1 order by o.position`, [id]).then((rows) => rows.map((r) => r.ref)),
  async write(em, refs, id, items) {
    const rows = [];
    for (const [position, value] of (items as string[]).entries()) {
      const [organiserType, organiserId] = await refs.polymorphic(value);
      rows.push({ organiser_type: organiserType, organiser_id: organiserId, position });
    }
    await writeLinks(em, 'event_organiser', 'event_id', id, rows);
  },
};

/** `events[].ecosystems` of the seed files: the ecosystems an event belongs to (slugs). */
export const EVENT_ECOSYSTEMS: ChildList = {
  parent: EVENT_KIND, field: 'ecosystems',
  read: (em, id) => sql<{ slug: string }>(em,
    `select e.slug from event_ecosystem ee join ecosystem e on e.id = ee.ecosystem_id where ee.event_id = $1 order by e.slug`, [id]).then((rows) => rows.map((r) => r.slug)),
  async write(em, refs, id, items) {
    const rows = [];
    // starts_on is copied from the event by a trigger (Migration20261123190000_latest_events).
    for (const slug of items as string[]) rows.push({ ecosystem_id: await refs.id('ecosystem', slug) });
    await writeLinks(em, 'event_ecosystem', 'event_id', id, rows);
  },
};

@InputType({ description: `Sets who organises an event. ${LIST_DOC}` })
export class EventOrganisersSetInput {
  @Field(() => ID, { description: 'Global ID of the event.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [OrganisationReference], { description: 'Every organiser, in the order of the sources; an empty list removes them all.' }) organisers!: OrganisationReference[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: `Sets the ecosystems an event belongs to. ${LIST_DOC}` })
export class EventEcosystemsSetInput {
  @Field(() => ID, { description: 'Global ID of the event.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [String], { description: 'Slugs of every ecosystem it belongs to; an empty list removes them all.' }) ecosystems!: string[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const EventPayload = payloadType('EventPayload', Event, 'event', 'What an event mutation did.');

@Resolver()
export class EventListMutations {
  @Mutation(() => EventPayload, { description: 'Sets who organises an event (editors); states the version it is based on.' })
  async eventOrganisersSet(@Arg('input', () => EventOrganisersSetInput, { description: 'The event and its whole list.' }) input: EventOrganisersSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('event', await setChildList(ctx, EVENT_ORGANISERS, 'eventOrganisersSet', input as never));
  }

  @Mutation(() => EventPayload, { description: 'Sets the ecosystems an event belongs to (editors); states the version it is based on.' })
  async eventEcosystemsSet(@Arg('input', () => EventEcosystemsSetInput, { description: 'The event and its whole list.' }) input: EventEcosystemsSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('event', await setChildList(ctx, EVENT_ECOSYSTEMS, 'eventEcosystemsSet', input as never));
  }
}
