import { Directive, ObjectType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { Node } from '../graphql/node.js';
import { recordObject } from '../editing/record-fields.js';
import { INSTITUTION_FIELDS } from './institution.record.js';

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A partner institution: the State and its bodies, local authorities, chambers, companies, clusters, schools, councils, networks of networks.' })
export class Institution extends recordObject('Institution', INSTITUTION_FIELDS) {}
