import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Event as EventEntity } from './event.entity.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { Event, EventKind } from './event.types.js';
import { eventById } from './event.loaders.js';
import { eventRecord } from './event.record.js';


export const EVENT_KIND: EditableKind<EventEntity> = {
  typename: 'Event', entity: EventEntity, collection: 'events', refKind: 'event', byId: eventById, cited: true,
  ...eventRecord,
};

const STARTS_DOC = `When it starts. ${DATE_DOC}, optionally with a Paris time: YYYY-MM-DDTHH:MM.`;

@InputType({ description: 'A new event. Rules: the seed files\' `events`.' })
export class EventCreateInput {
  @Field({ description: 'Stable, human-readable key.' }) slug!: string;
  @Field({ description: 'Name.' }) name!: string;
  @Field(() => EventKind, { description: 'What kind of event it is.' }) kind!: EventKind;
  @Field({ description: STARTS_DOC }) startsOn!: string;
  @Field(() => String, { nullable: true, description: `When it ends. ${DATE_DOC}` }) endsOn?: string;
  @Field(() => String, { nullable: true, description: 'Slug of the hub where it takes place.' }) venue?: string;
  @Field(() => String, { nullable: true, description: 'Territory slug of its commune, e.g. "commune-59350".' }) locality?: string;
  @Field(() => String, { nullable: true, description: 'Its hashtag.' }) hashtag?: string;
  @Field(() => String, { nullable: true, description: 'What it is, in French.' }) description?: string;
  @Field(() => String, { nullable: true, description: 'What it is, in English (a translation of `description`).' }) descriptionEn?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Changes to an event: only the fields given change; null clears an optional field.' })
export class EventUpdateInput {
  @Field(() => ID, { description: 'Global ID of the event.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'New slug.' }) slug?: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string;
  @Field(() => EventKind, { nullable: true, description: 'What kind of event it is.' }) kind?: EventKind;
  @Field(() => String, { nullable: true, description: STARTS_DOC }) startsOn?: string;
  @Field(() => String, { nullable: true, description: `When it ends. ${DATE_DOC}` }) endsOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the hub where it takes place.' }) venue?: string | null;
  @Field(() => String, { nullable: true, description: 'Territory slug of its commune.' }) locality?: string | null;
  @Field(() => String, { nullable: true, description: 'Its hashtag.' }) hashtag?: string | null;
  @Field(() => String, { nullable: true, description: 'What it is, in French.' }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'What it is, in English (a translation of `description`).' }) descriptionEn?: string | null;
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
