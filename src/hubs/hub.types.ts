import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum HubKind {
  TOTEM = 'TOTEM',
  INCUBATOR = 'INCUBATOR',
  COWORKING = 'COWORKING',
  VENUE = 'VENUE',
  CAMPUS = 'CAMPUS',
  OTHER = 'OTHER',
}
registerEnumType(HubKind, {
  name: 'HubKind',
  description: 'What kind of place a hub is.',
  valuesConfig: {
    TOTEM: { description: 'The totem building of a capital or community (Bliiida, EuraTechnologies, Cité numérique).' },
    INCUBATOR: { description: 'An incubator.' },
    COWORKING: { description: 'A coworking space (La Plage Digitale).' },
    VENUE: { description: 'A venue hosting the network\'s events (Cescom, Village La Poste).' },
    CAMPUS: { description: 'A start-up campus (Station F).' },
    OTHER: { description: 'Any other place.' },
  },
});

export enum HubRole { TOTEM = 'TOTEM', SERVES = 'SERVES', HOSTS = 'HOSTS' }
registerEnumType(HubRole, {
  name: 'HubRole',
  description: 'What a hub is for an ecosystem.',
  valuesConfig: {
    TOTEM: { description: 'Its totem building.' },
    SERVES: { description: 'A place that serves its members.' },
    HOSTS: { description: 'A place that hosts it (Station F hosts the Mission French Tech).' },
  },
});

/** The order an ecosystem's hubs are listed in: its totem, then the places that host it, then those that serve it. */
export const HUB_ROLE_ORDER: readonly HubRole[] = [HubRole.TOTEM, HubRole.HOSTS, HubRole.SERVES];

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A place of the network: a totem building, an incubator, a coworking space, a campus or a venue.' })
export class Hub extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Name of the place.' })
  name!: string;

  @Field(() => HubKind, { description: 'What kind of place it is.' })
  kind!: HubKind;

  @Field(() => String, { nullable: true, description: 'Street address, as the sources give it.' })
  address!: string | null;

  @Field(() => PartialDate, { nullable: true, description: 'When it opened, as precisely as the sources say.' })
  openedIn!: PartialDate | null;

  /** In French; served by HubResolver.description in the language asked. */
  description!: string | null;

  /** Its English translation. */
  descriptionEn!: string | null;

  /** In French; served by HubResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A hub serving an ecosystem in a role (totem, serves, hosts), over a period.' })
export class HubLink extends Node {
  @Field(() => HubRole, { description: 'What the hub is for the ecosystem.' })
  role!: HubRole;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day of the link; null when no source dates it.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the link; null while current or undated.' })
  validTo!: string | null;
}
