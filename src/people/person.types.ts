import { Directive, Field, ObjectType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { Node } from '../graphql/node.js';

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A person, as far as a public role makes them part of the network. Contact details are personal data and are never served publicly.' })
export class Person extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Full name, as the sources give it.' })
  name!: string;

  /** In French; served by PersonResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}
