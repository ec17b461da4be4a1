import type { Domain } from '../graphql/domain.js';
import { Institution as InstitutionEntity } from './institution.entity.js';
import { InstitutionResolver } from './institution.resolver.js';
import { InstitutionMutations } from './institution.mutations.js';
import { Institution } from './institution.types.js';
import { institutionById, institutionBySlug } from './institution.loaders.js';

/** Public institutions. */
export const INSTITUTIONS: Domain = {
  name: 'institutions',
  resolvers: [InstitutionResolver, InstitutionMutations],
  nodes: { Institution: institutionById },
  slugs: { Institution: institutionBySlug },
  versioned: [{ type: Institution, table: 'institution' }],
  entities: [InstitutionEntity],
};
