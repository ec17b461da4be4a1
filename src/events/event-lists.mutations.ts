import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { LIST_DOC, setChildList } from '../editing/child-lists.js';
import { SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { asPayload } from '../editing/payload.js';
import { OrganisationReference } from '../editing/typed-references.js';
import { payloadType } from '../editing/user-error.js';
import { EVENT_ORGANISERS, EVENT_ECOSYSTEMS } from './event.record.js';
import { EVENT_KIND } from './event.mutations.js';
import { Event } from './event.types.js';

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
    return asPayload('event', await setChildList(ctx, EVENT_KIND, EVENT_ORGANISERS, 'eventOrganisersSet', input as never));
  }

  @Mutation(() => EventPayload, { description: 'Sets the ecosystems an event belongs to (editors); states the version it is based on.' })
  async eventEcosystemsSet(@Arg('input', () => EventEcosystemsSetInput, { description: 'The event and its whole list.' }) input: EventEcosystemsSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('event', await setChildList(ctx, EVENT_KIND, EVENT_ECOSYSTEMS, 'eventEcosystemsSet', input as never));
  }
}
