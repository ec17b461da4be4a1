import type { Domain } from '../graphql/domain.js';
import { SearchEntry } from './search-entry.entity.js';
import { SearchResolver } from './search.resolver.js';

/** Full-text search over the network's records. */
export const SEARCH: Domain = {
  name: 'search',
  resolvers: [SearchResolver],
  entities: [SearchEntry],
};
