import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { recordObject } from '../editing/record-fields.js';
import { HUB_FIELDS } from './hub.record.js';

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
export class Hub extends recordObject('Hub', HUB_FIELDS) {}

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
