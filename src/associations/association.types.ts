import { Directive, Field, ObjectType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { recordObject } from '../editing/record-fields.js';
import { ASSOCIATION_FIELDS } from './association.record.js';

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A supporting association: it carries French Tech labels and animates a territory (Cap Numeric, Grand Est Numérique, Loire Numérique, La Ruche Digitale…).' })
export class Association extends recordObject('Association', ASSOCIATION_FIELDS) {}

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A French Tech label carried by an association over a period (Cap Numeric carries French Tech Littoral Hauts-de-France since 2019-04-03).' })
export class CarriedLabel extends Node {
  @Field(() => LocalDateResolver, { nullable: true, description: 'First day it carries the ecosystem; null when no source dates it.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day it carried the ecosystem; null while current.' })
  validTo!: string | null;
}
