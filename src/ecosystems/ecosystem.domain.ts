import type { Domain } from '../graphql/domain.js';
import { Attachment } from './attachment.entity.js';
import { Campaign, CampaignAnnouncer } from './campaign.entity.js';
import { Ecosystem as EcosystemEntity, EcosystemName, EcosystemTerritory } from './ecosystem.entity.js';
import { Label as LabelEntity } from './label.entity.js';
import { EcosystemCreateMutations } from './ecosystem-create.mutations.js';
import { CampaignResolver, EcosystemListResolver, EcosystemResolver, HierarchyLinkResolver, LabelResolver } from './ecosystem.resolver.js';
import { NetworkResolver } from './network.resolver.js';
import { HierarchyMutations } from './ecosystem.mutations.js';
import { Ecosystem, Label } from './ecosystem.types.js';
import { campaignById, ecosystemById, ecosystemBySlug, labelById, linkById } from './ecosystem.loaders.js';

/** Ecosystems, their labels and campaigns, the hierarchy, and the network read on a date. */
export const ECOSYSTEMS: Domain = {
  name: 'ecosystems',
  resolvers: [EcosystemResolver, EcosystemListResolver, LabelResolver, HierarchyLinkResolver, CampaignResolver, NetworkResolver, HierarchyMutations, EcosystemCreateMutations],
  nodes: { Ecosystem: ecosystemById, Label: labelById, HierarchyLink: linkById, Campaign: campaignById },
  slugs: { Ecosystem: ecosystemBySlug },
  versioned: [{ type: Ecosystem, table: 'ecosystem' }, { type: Label, table: 'label' }],
  entities: [EcosystemEntity, EcosystemName, EcosystemTerritory, LabelEntity, Attachment, Campaign, CampaignAnnouncer],
};
