import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { URLResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum InstitutionKind {
  STATE = 'STATE',
  STATE_AGENCY = 'STATE_AGENCY',
  REGION = 'REGION',
  DEPARTMENT_COUNCIL = 'DEPARTMENT_COUNCIL',
  METROPOLIS = 'METROPOLIS',
  CITY = 'CITY',
  CHAMBER_OF_COMMERCE = 'CHAMBER_OF_COMMERCE',
  COMPANY = 'COMPANY',
  COMPETITIVENESS_CLUSTER = 'COMPETITIVENESS_CLUSTER',
  SCHOOL = 'SCHOOL',
  ADVISORY_COUNCIL = 'ADVISORY_COUNCIL',
  NETWORK_OF_NETWORKS = 'NETWORK_OF_NETWORKS',
  ASSOCIATION = 'ASSOCIATION',
  OTHER = 'OTHER',
}
registerEnumType(InstitutionKind, {
  name: 'InstitutionKind',
  description: 'What kind of body a partner institution is.',
  valuesConfig: {
    STATE: { description: 'The State: government, ministries.' },
    STATE_AGENCY: { description: 'A body of the State (DGE, Mission French Tech, Bpifrance…).' },
    REGION: { description: 'A regional council.' },
    DEPARTMENT_COUNCIL: { description: 'A departmental council (Conseil Général de la Loire).' },
    METROPOLIS: { description: 'A metropolis or other intercommunal body (Eurométropole de Strasbourg).' },
    CITY: { description: 'A city (Ville de Strasbourg).' },
    CHAMBER_OF_COMMERCE: { description: 'A chamber of commerce and industry.' },
    COMPANY: { description: 'A company (Groupe La Poste).' },
    COMPETITIVENESS_CLUSTER: { description: 'A competitiveness cluster (Imaginove, Cap Digital…).' },
    SCHOOL: { description: 'A school or university (Télécom Saint-Étienne).' },
    ADVISORY_COUNCIL: { description: 'An advisory council (CESEL).' },
    NETWORK_OF_NETWORKS: { description: 'A network of networks (Comité Grand Littoral).' },
    ASSOCIATION: { description: 'An association acting as a partner rather than as a carrier.' },
    OTHER: { description: 'Anything else.' },
  },
});

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A partner institution: the State and its bodies, local authorities, chambers, companies, clusters, schools, councils, networks of networks.' })
export class Institution extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Name of the institution.' })
  name!: string;

  @Field(() => InstitutionKind, { description: 'What kind of body it is.' })
  kind!: InstitutionKind;

  @Field(() => PartialDate, { nullable: true, description: 'When it was founded, as precisely as the sources say.' })
  foundedIn!: PartialDate | null;

  /** In French; served by InstitutionResolver.description in the language asked. */
  description!: string | null;

  /** Its English translation. */
  descriptionEn!: string | null;

  /** In French; served by InstitutionResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'Its website.' })
  website!: string | null;
}
