import { Field, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node.js';

@ObjectType({ implements: Node, description: 'A person, as far as a public role makes them part of the network. Contact details are personal data and are never served publicly.' })
export class Person extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Full name, as the sources give it.' })
  name!: string;
}
