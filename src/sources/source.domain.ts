import type { Domain } from '../graphql/domain.js';
import { Citation, Source as SourceEntity } from './source.entity.js';
import { SourceResolver } from './source.resolver.js';
import { SourceMutations } from './source.mutations.js';
import { Source } from './source.types.js';
import { sourceById, sourceBySlug } from './source.loaders.js';

/** Sources, which every fact names. */
export const SOURCES: Domain = {
  name: 'sources',
  resolvers: [SourceResolver, SourceMutations],
  nodes: { Source: sourceById },
  slugs: { Source: sourceBySlug },
  versioned: [{ type: Source, table: 'source' }],
  entities: [SourceEntity, Citation],
};
