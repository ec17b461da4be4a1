import type { Domain } from '../graphql/domain.js';
import { Hub as HubEntity, HubEcosystem } from './hub.entity.js';
import { HubListMutations } from './hub-lists.mutations.js';
import { EcosystemHubsResolver, HubLinkResolver, HubResolver } from './hub.resolver.js';
import { HubMutations } from './hub.mutations.js';
import { Hub } from './hub.types.js';
import { hubById, hubBySlug, hubLinkById } from './hub.loaders.js';

/** Hubs (places), their links to ecosystems, and `hubs` on ecosystems. */
export const HUBS: Domain = {
  name: 'hubs',
  resolvers: [HubResolver, HubLinkResolver, EcosystemHubsResolver, HubMutations, HubListMutations],
  nodes: { Hub: hubById, HubLink: hubLinkById },
  slugs: { Hub: hubBySlug },
  versioned: [{ type: Hub, table: 'hub' }],
  entities: [HubEntity, HubEcosystem],
};
