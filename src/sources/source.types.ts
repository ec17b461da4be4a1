import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { URLResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum SourceKind {
  PRESS_ARTICLE = 'PRESS_ARTICLE',
  PRESS_RELEASE = 'PRESS_RELEASE',
  OFFICIAL_PAGE = 'OFFICIAL_PAGE',
  DATASET = 'DATASET',
  REFERENCE = 'REFERENCE',
}
registerEnumType(SourceKind, { name: 'SourceKind', description: 'What kind of document a source is.' });

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A public document that supports records of the network: a press article, an official page, a dataset.' })
export class Source extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Title of the document.' })
  title!: string;

  @Field({ description: 'Who published it (newspaper, site, administration).' })
  publisher!: string;

  @Field(() => PartialDate, { nullable: true, description: 'When it was published, as precisely as known.' })
  publishedOn!: PartialDate | null;

  @Field(() => URLResolver, { nullable: true, description: 'Where to read it.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'File name of the article in the project\'s source corpus (shared/sources), when it is one of them.' })
  file!: string | null;

  @Field(() => SourceKind, { description: 'Kind of document.' })
  kind!: SourceKind;

  @Field(() => String, { nullable: true, description: 'Language of the document (ISO 639-1).' })
  language!: string | null;

  /** In French; served by SourceResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}
