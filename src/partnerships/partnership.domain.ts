import type { Domain } from '../graphql/domain.js';
import { Partnership as PartnershipEntity } from './partnership.entity.js';
import {
  AssociationPartnershipsResolver, EcosystemPartnershipsResolver, InstitutionPartnershipsResolver, PartnershipResolver,
} from './partnership.resolver.js';
import { partnershipById } from './partnership.loaders.js';

/** Partnerships, and `partnerships` on the ecosystems, associations and institutions that take part. */
export const PARTNERSHIPS: Domain = {
  name: 'partnerships',
  resolvers: [PartnershipResolver, EcosystemPartnershipsResolver, AssociationPartnershipsResolver, InstitutionPartnershipsResolver],
  nodes: { Partnership: partnershipById },
  entities: [PartnershipEntity],
};
