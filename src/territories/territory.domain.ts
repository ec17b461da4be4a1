import type { Domain } from '../graphql/domain.js';
import { AreaDepartment, Territory as TerritoryEntity } from './territory.entity.js';
import { TerritoryResolver } from './territory.resolver.js';
import { territoryById, territoryBySlug } from './territory.loaders.js';

/** Territories: regions, departments, communes, areas and countries. */
export const TERRITORIES: Domain = {
  name: 'territories',
  resolvers: [TerritoryResolver],
  nodes: { Territory: territoryById },
  slugs: { Territory: territoryBySlug },
  entities: [TerritoryEntity, AreaDepartment],
};
