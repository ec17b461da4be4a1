import { Directive, createUnionType, Field, ObjectType } from 'type-graphql';
import { KEY_BY_ID, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';
import { Association } from '../associations/association.types.js';
import { Institution } from '../institutions/institution.types.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';

export const Organisation = createUnionType({
  name: 'Organisation',
  description: 'Where a person holds a public role: a supporting association, a partner institution or an ecosystem.',
  types: () => [Association, Institution, Ecosystem] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A public role of a person in an organisation (president, director, delegate…), over a period.' })
export class Role extends Node {
  @Field({ description: 'The title as the sources give it ("président", "directrice de la Mission French Tech").' })
  title!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day in the role; null when no source dates it.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day in the role; null when no source dates its end (which does not make it current: see `current`).' })
  validTo!: string | null;

  @Field(() => PartialDate, { nullable: true, description: 'The date the sources state the role at ("as of"): the publication date of its latest source, with that date\'s precision. A role is known to hold on that date, not after.' })
  asOf!: PartialDate | null;

  @Field({ description: 'true only when a source presents the role as current (the organisation\'s own page, a dated announcement of a term in progress); false for a role a source only reports at some date (`asOf`).' })
  current!: boolean;
}
