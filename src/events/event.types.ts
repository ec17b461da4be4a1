import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum EventKind { CONFERENCE = 'CONFERENCE', MEETUP = 'MEETUP', LAUNCH = 'LAUNCH', HACKATHON = 'HACKATHON', WEEK = 'WEEK', OTHER = 'OTHER' }
registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of event.',
  valuesConfig: {
    CONFERENCE: { description: 'A conference or forum (round tables, talks).' },
    MEETUP: { description: 'A meeting of a community or network.' },
    LAUNCH: { description: 'A launch or announcement (of a label, a community, a network).' },
    HACKATHON: { description: 'A hackathon.' },
    WEEK: { description: 'A themed week or festival over several days.' },
    OTHER: { description: 'Anything else.' },
  },
});

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'An event of the network: a conference (#GEN1), a launch, a meetup, a hackathon… Dates are Europe/Paris calendar days.' })
export class Event extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Name of the event.' })
  name!: string;

  @Field(() => EventKind, { description: 'What kind of event.' })
  kind!: EventKind;

  @Field(() => PartialDate, { description: 'When it starts (first day), as precisely as the sources give it.' })
  startsOn!: PartialDate;

  @Field(() => PartialDate, { nullable: true, description: 'When it ends, for events over several days; null for a one-day event or when unknown.' })
  endsOn!: PartialDate | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'The exact starting time, when a source gives one (an instant; see `timeZone`).' })
  startsAt!: Date | null;

  @Field({ description: 'The time zone its dates and times are local to (IANA name, "Europe/Paris").' })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'Its hashtag ("#GEN1").' })
  hashtag!: string | null;

  /** In French; served by EventResolver.description in the language asked. */
  description!: string | null;

  /** Its English translation. */
  descriptionEn!: string | null;

  /** In French; served by EventResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}
