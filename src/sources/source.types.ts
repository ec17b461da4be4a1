import { Directive, ObjectType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { Node } from '../graphql/node.js';
import { recordObject } from '../editing/record-fields.js';
import { SOURCE_FIELDS } from './source.record.js';

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A public document that supports records of the network: a press article, an official page, a dataset.' })
export class Source extends recordObject('Source', SOURCE_FIELDS) {}
