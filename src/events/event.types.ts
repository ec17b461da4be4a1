import { Directive, Field, ObjectType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { recordObject } from '../editing/record-fields.js';
import { EVENT_FIELDS } from './event.record.js';

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'An event of the network: a conference (#GEN1), a launch, a meetup, a hackathon… Dates are Europe/Paris calendar days.' })
export class Event extends recordObject('Event', EVENT_FIELDS) {
  @Field(() => DateTimeResolver, { nullable: true, description: 'The exact starting time, when a source gives one (an instant; see `timeZone`).' })
  startsAt!: Date | null;

  @Field({ description: 'The time zone its dates and times are local to (IANA name, "Europe/Paris").' })
  timeZone!: string;
}
