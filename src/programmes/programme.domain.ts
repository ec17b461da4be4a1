import type { Domain } from '../graphql/domain.js';
import { Programme as ProgrammeEntity, ProgrammeDeployment, ProgrammeTerritory } from './programme.entity.js';
import { ProgrammeListMutations } from './programme-lists.mutations.js';
import {
  AssociationProgrammesResolver, EcosystemProgrammesResolver, EligibilityResolver, FundingResolver, InstitutionProgrammesResolver, ProgrammeDeploymentResolver,
  ProgrammeMatchResolver, ProgrammeResolver,
} from './programme.resolver.js';
import { ProgrammeMutations } from './programme.mutations.js';
import { Programme } from './programme.types.js';
import { programmeById, programmeBySlug } from './programme.loaders.js';

/** Programmes, their eligibility and deployments, the programme finder, and `programmes` on their operators and ecosystems. */
export const PROGRAMMES: Domain = {
  name: 'programmes',
  resolvers: [
    ProgrammeResolver, EligibilityResolver, FundingResolver, ProgrammeDeploymentResolver, ProgrammeMatchResolver,
    EcosystemProgrammesResolver, AssociationProgrammesResolver, InstitutionProgrammesResolver, ProgrammeMutations, ProgrammeListMutations,
  ],
  nodes: { Programme: programmeById },
  slugs: { Programme: programmeBySlug },
  versioned: [{ type: Programme, table: 'programme' }],
  entities: [ProgrammeEntity, ProgrammeTerritory, ProgrammeDeployment],
};
