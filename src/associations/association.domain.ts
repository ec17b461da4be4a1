import type { Domain } from '../graphql/domain.js';
import { Association as AssociationEntity, Carrier } from './association.entity.js';
import { AssociationListMutations } from './association-lists.mutations.js';
import { AssociationResolver, CarriedLabelResolver, EcosystemActorsResolver } from './association.resolver.js';
import { AssociationMutations } from './association.mutations.js';
import { Association } from './association.types.js';
import { associationById, associationBySlug, carriedLabelById } from './association.loaders.js';

/** Associations, the labels they carry, and the actors of an ecosystem. */
export const ASSOCIATIONS: Domain = {
  name: 'associations',
  resolvers: [AssociationResolver, CarriedLabelResolver, EcosystemActorsResolver, AssociationMutations, AssociationListMutations],
  nodes: { Association: associationById, CarriedLabel: carriedLabelById },
  slugs: { Association: associationBySlug },
  versioned: [{ type: Association, table: 'association' }],
  entities: [AssociationEntity, Carrier],
};
