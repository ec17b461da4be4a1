import { createUnionType } from 'type-graphql';
import { Association } from '../associations/association.types.js';
import { Institution } from '../institutions/institution.types.js';

/** An organisation that acts in the network: runs a place, partners an ecosystem… */
export const Actor = createUnionType({
  name: 'Actor',
  description: 'An organisation acting in the network: a supporting association or a partner institution.',
  types: () => [Association, Institution] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});
