import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver } from './node.js';
import { CampaignResolver, EcosystemResolver, HierarchyLinkResolver, LabelResolver } from '../ecosystems/ecosystem.resolver.js';
import { NetworkResolver } from '../ecosystems/network.resolver.js';

/** Every domain's resolvers. One line per domain: add yours here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  EcosystemResolver, LabelResolver, HierarchyLinkResolver, CampaignResolver, NetworkResolver,
];
