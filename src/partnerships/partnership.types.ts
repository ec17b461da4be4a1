import { Directive, createUnionType, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { Association } from '../associations/association.types.js';
import { Institution } from '../institutions/institution.types.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { Programme } from '../programmes/programme.types.js';
import { Event } from '../events/event.types.js';

export enum PartnershipRole {
  HISTORIC_PARTNER = 'HISTORIC_PARTNER',
  FUNDER = 'FUNDER',
  HOST = 'HOST',
  EVALUATOR = 'EVALUATOR',
  LABEL_AUTHORITY = 'LABEL_AUTHORITY',
  MEMBER = 'MEMBER',
  OPERATOR = 'OPERATOR',
  COOPERATION = 'COOPERATION',
  SUPPORTER = 'SUPPORTER',
  ORGANISER = 'ORGANISER',
}
registerEnumType(PartnershipRole, {
  name: 'PartnershipRole',
  description: 'What a partner does for the ecosystem, association, programme or event it partners.',
  valuesConfig: {
    HISTORIC_PARTNER: { description: 'Its historic partner (the Conseil Général de la Loire for Loire Numérique).' },
    FUNDER: { description: 'Funds it.' },
    HOST: { description: 'Hosts it (a venue, an event).' },
    EVALUATOR: { description: 'Evaluated it.' },
    LABEL_AUTHORITY: { description: 'Awards its label (the Mission French Tech).' },
    MEMBER: { description: 'Takes part in it as a member or participant.' },
    OPERATOR: { description: 'Runs it.' },
    COOPERATION: { description: 'Cooperates with it on a joint action.' },
    SUPPORTER: { description: 'Supports it.' },
    ORGANISER: { description: 'Organises it.' },
  },
});

export const PartnershipTarget = createUnionType({
  name: 'PartnershipTarget',
  description: 'What a partnership supports: an ecosystem, an association, an institution, a programme or an event.',
  types: () => [Ecosystem, Association, Institution, Programme, Event] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A partner (association or institution) linked to an ecosystem, association, programme, event or institution with a role, over a period.' })
export class Partnership extends Node {
  @Field(() => PartnershipRole, { description: 'What the partner does.' })
  role!: PartnershipRole;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day of the partnership; null when no source dates it.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the partnership; null while current or undated.' })
  validTo!: string | null;

  /** In French; served by PartnershipResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}
