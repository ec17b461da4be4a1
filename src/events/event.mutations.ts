import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Event as EventEntity } from './event.entity.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { recordInput } from '../editing/record-fields.js';
import { Event } from './event.types.js';
import { eventById } from './event.loaders.js';
import { EVENT_FIELDS, eventRecord } from './event.record.js';

export const EVENT_KIND: EditableKind<EventEntity> = {
  typename: 'Event', entity: EventEntity, collection: 'events', refKind: 'event', byId: eventById, cited: true,
  ...eventRecord,
};

// `startsOn` is not taken from EVENT_FIELDS by the inputs: they accept a Paris time too.
const STARTS_DOC = `When it starts. ${DATE_DOC}, optionally with a Paris time: YYYY-MM-DDTHH:MM.`;
const VENUE_DOC = 'Slug of the hub where it takes place.';

@InputType({ description: 'A new event. Rules: the seed files\' `events`.' })
export class EventCreateInput extends recordInput('Event', EVENT_FIELDS, 'create') {
  @Field({ description: STARTS_DOC }) startsOn!: string;
  @Field(() => String, { nullable: true, description: VENUE_DOC }) venue?: string;
  @Field(() => String, { nullable: true, description: 'Territory slug of its commune, e.g. "commune-59350".' }) locality?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Changes to an event: only the fields given change; null clears an optional field.' })
export class EventUpdateInput extends recordInput('Event', EVENT_FIELDS, 'update') {
  @Field(() => ID, { description: 'Global ID of the event.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: STARTS_DOC }) startsOn?: string;
  @Field(() => String, { nullable: true, description: VENUE_DOC }) venue?: string | null;
  @Field(() => String, { nullable: true, description: 'Territory slug of its commune.' }) locality?: string | null;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const EventPayload = payloadType('EventPayload', Event, 'event', 'What an event mutation did.');
const EventArchivePayload = archivePayloadType('EventArchivePayload', 'Event');

@Resolver()
export class EventMutations {
  @Mutation(() => EventPayload, { description: 'Records an event (editors).' })
  async eventCreate(@Arg('input', () => EventCreateInput, { description: 'The event.' }) input: EventCreateInput, @Ctx() ctx: RequestContext) {
    return asPayload('event', await createRecord(ctx, EVENT_KIND, 'eventCreate', input as never));
  }

  @Mutation(() => EventPayload, { description: 'Corrects an event (editors); states the version it is based on.' })
  async eventUpdate(@Arg('input', () => EventUpdateInput, { description: 'The changes.' }) input: EventUpdateInput, @Ctx() ctx: RequestContext) {
    return asPayload('event', await updateRecord(ctx, EVENT_KIND, 'eventUpdate', input as never));
  }

  @Mutation(() => EventArchivePayload, { description: 'Archives an event (editors).' })
  eventArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, EVENT_KIND, 'eventArchive', input);
  }
}
