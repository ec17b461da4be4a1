import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver } from './node.js';
import { CampaignResolver, EcosystemListResolver, EcosystemResolver, HierarchyLinkResolver, LabelResolver } from '../ecosystems/ecosystem.resolver.js';
import { NetworkResolver } from '../ecosystems/network.resolver.js';
import { EcosystemEventsResolver, EventResolver } from '../events/event.resolver.js';
import { AssociationFiguresResolver, EcosystemFiguresResolver, EventFiguresResolver, FigureResolver, HubFiguresResolver, InstitutionFiguresResolver, ProgrammeFiguresResolver, TerritoryFiguresResolver } from '../figures/figure.resolver.js';
import { SearchResolver } from '../search/search.resolver.js';
import { AssociationProgrammesResolver, EcosystemProgrammesResolver, EligibilityResolver, FundingResolver, InstitutionProgrammesResolver, ProgrammeDeploymentResolver, ProgrammeMatchResolver, ProgrammeResolver } from '../programmes/programme.resolver.js';
import { TerritoryResolver } from '../territories/territory.resolver.js';
import { SourceResolver } from '../sources/source.resolver.js';
import { PersonResolver, RoleResolver } from '../people/person.resolver.js';
import { AssociationResolver, CarriedLabelResolver, EcosystemActorsResolver } from '../associations/association.resolver.js';
import { InstitutionResolver } from '../institutions/institution.resolver.js';
import { EcosystemHubsResolver, HubLinkResolver, HubResolver } from '../hubs/hub.resolver.js';
import { MapResolver } from '../map/map.resolver.js';
import { AssociationPartnershipsResolver, EcosystemPartnershipsResolver, InstitutionPartnershipsResolver, PartnershipResolver } from '../partnerships/partnership.resolver.js';
import { PersonContactResolver } from '../people/person-contact.js';
import { AuditTrailResolver } from '../audit/audit.resolver.js';
import { ApiTokenResolver } from '../auth/token.resolver.js';

import { EDITING_RESOLVERS } from '../editing/editing.resolvers.js';

/** Every domain's resolvers. One line per domain: add yours here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  EcosystemResolver, EcosystemListResolver, LabelResolver, HierarchyLinkResolver, CampaignResolver, NetworkResolver,
  ProgrammeResolver, EligibilityResolver, FundingResolver, ProgrammeDeploymentResolver, ProgrammeMatchResolver, EcosystemProgrammesResolver, AssociationProgrammesResolver, InstitutionProgrammesResolver,
  EventResolver, EcosystemEventsResolver,
  FigureResolver, EcosystemFiguresResolver, TerritoryFiguresResolver, EventFiguresResolver, ProgrammeFiguresResolver, AssociationFiguresResolver, InstitutionFiguresResolver, HubFiguresResolver,
  SearchResolver,
  TerritoryResolver, SourceResolver, PersonResolver, RoleResolver,
  AssociationResolver, CarriedLabelResolver, EcosystemActorsResolver, InstitutionResolver,
  HubResolver, HubLinkResolver, EcosystemHubsResolver,
  PartnershipResolver, EcosystemPartnershipsResolver, AssociationPartnershipsResolver, InstitutionPartnershipsResolver,
  MapResolver,
  PersonContactResolver, AuditTrailResolver, ApiTokenResolver,
  ...EDITING_RESOLVERS,
];
