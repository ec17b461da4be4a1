import 'reflect-metadata'; // the domains' type-graphql classes are evaluated on import (the MikroORM CLI too loads this list)
import { entitiesOf, type Domain } from './graphql/domain.js';
import { NodeTypes } from './graphql/node.js';
import { ECOSYSTEMS } from './ecosystems/ecosystem.domain.js';
import { PROGRAMMES } from './programmes/programme.domain.js';
import { EVENTS } from './events/event.domain.js';
import { FIGURES } from './figures/figure.domain.js';
import { SEARCH } from './search/search.domain.js';
import { TERRITORIES } from './territories/territory.domain.js';
import { SOURCES } from './sources/source.domain.js';
import { PEOPLE } from './people/person.domain.js';
import { ASSOCIATIONS } from './associations/association.domain.js';
import { INSTITUTIONS } from './institutions/institution.domain.js';
import { HUBS } from './hubs/hub.domain.js';
import { PARTNERSHIPS } from './partnerships/partnership.domain.js';
import { MAP } from './map/map.domain.js';
import { AUDIT } from './audit/audit.domain.js';
import { AUTH } from './auth/auth.domain.js';

/**
 * The domains of the API: the one place that names them. The schema (src/graphql/schema.ts),
 * `node(id:)`, the federation references (src/federation/) and the `version` fields are built from
 * this list; a new domain exports its Domain from its folder and is added here.
 */
export const DOMAINS: readonly Domain[] = [
  ECOSYSTEMS, PROGRAMMES, EVENTS, FIGURES, SEARCH, TERRITORIES, SOURCES, PEOPLE, ASSOCIATIONS, INSTITUTIONS, HUBS, PARTNERSHIPS, MAP, AUDIT, AUTH,
];

/** The types `node(id:)` and the polymorphic references load, from the domains' `nodes`. */
export const NODE_TYPES = NodeTypes.of(DOMAINS);

/** Every table of the schema as a MikroORM entity, from the domains' `entities` (test/entities.test.ts checks they match the migrations). */
export const ENTITIES = entitiesOf(DOMAINS);
