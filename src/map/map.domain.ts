import type { Domain } from '../graphql/domain.js';
import { MapResolver } from './map.resolver.js';

/** The national map. */
export const MAP: Domain = {
  name: 'map',
  resolvers: [MapResolver],
};
