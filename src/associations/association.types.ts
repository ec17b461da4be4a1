import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver, URLResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum AssociationLegalForm {
  ASSOCIATION_LOI_1901 = 'ASSOCIATION_LOI_1901',
  INFORMAL_COLLECTIVE = 'INFORMAL_COLLECTIVE',
  COOPERATIVE = 'COOPERATIVE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(AssociationLegalForm, {
  name: 'AssociationLegalForm',
  description: 'The legal form of a supporting association, as far as a source establishes it.',
  valuesConfig: {
    ASSOCIATION_LOI_1901: { description: 'Association under the French law of 1 July 1901.' },
    INFORMAL_COLLECTIVE: { description: 'An informal collective, not a legal entity (La Ruche Digitale).' },
    COOPERATIVE: { description: 'A cooperative company.' },
    UNKNOWN: { description: 'Not established by a source (associations of Alsace-Moselle fall under the local law of 1908).' },
  },
});

export enum AssociationKind {
  NETWORK = 'NETWORK',
  CLUSTER = 'CLUSTER',
  COLLECTIVE = 'COLLECTIVE',
  TECHNOPOLE = 'TECHNOPOLE',
  OTHER = 'OTHER',
}
registerEnumType(AssociationKind, {
  name: 'AssociationKind',
  description: 'What a supporting association is in the network.',
  valuesConfig: {
    NETWORK: { description: 'A network of digital actors (Cap Numeric, Loire Numérique…).' },
    CLUSTER: { description: 'A cluster of companies of a sector (Rhénatic, BFC Numérique…).' },
    COLLECTIVE: { description: 'A collective of professionals (La Ruche Digitale).' },
    TECHNOPOLE: { description: 'A technopole.' },
    OTHER: { description: 'Anything else.' },
  },
});

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A supporting association: it carries French Tech labels and animates a territory (Cap Numeric, Grand Est Numérique, Loire Numérique, La Ruche Digitale…).' })
export class Association extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Name of the association.' })
  name!: string;

  @Field(() => AssociationLegalForm, { description: 'Its legal form (UNKNOWN when no source establishes it).' })
  legalForm!: AssociationLegalForm;

  @Field(() => AssociationKind, { nullable: true, description: 'What kind of organisation it is.' })
  kind!: AssociationKind | null;

  @Field(() => PartialDate, { nullable: true, description: 'When it was founded, as precisely as the sources say; null when unknown or contested.' })
  foundedIn!: PartialDate | null;

  /** In French; served by AssociationResolver.mission in the language asked. */
  mission!: string | null;

  /** Its English translation. */
  missionEn!: string | null;

  /** In French; served by AssociationResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'Its website.' })
  website!: string | null;
}

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A French Tech label carried by an association over a period (Cap Numeric carries French Tech Littoral Hauts-de-France since 2019-04-03).' })
export class CarriedLabel extends Node {
  @Field(() => LocalDateResolver, { nullable: true, description: 'First day it carries the ecosystem; null when no source dates it.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day it carried the ecosystem; null while current.' })
  validTo!: string | null;
}
