import { AssociationListMutations } from '../associations/association-lists.mutations.js';
import { AssociationMutations } from '../associations/association.mutations.js';
import { Association } from '../associations/association.types.js';
import { EcosystemCreateMutations } from '../ecosystems/ecosystem-create.mutations.js';
import { HierarchyMutations } from '../ecosystems/ecosystem.mutations.js';
import { Ecosystem, Label } from '../ecosystems/ecosystem.types.js';
import { EventListMutations } from '../events/event-lists.mutations.js';
import { EventMutations } from '../events/event.mutations.js';
import { Event } from '../events/event.types.js';
import { FigureMutations } from '../figures/figure.mutations.js';
import { Figure } from '../figures/figure.types.js';
import { HubListMutations } from '../hubs/hub-lists.mutations.js';
import { HubMutations } from '../hubs/hub.mutations.js';
import { Hub } from '../hubs/hub.types.js';
import { InstitutionMutations } from '../institutions/institution.mutations.js';
import { Institution } from '../institutions/institution.types.js';
import { RoleMutations } from '../people/role.mutations.js';
import { Role } from '../people/role.types.js';
import { ProgrammeListMutations } from '../programmes/programme-lists.mutations.js';
import { ProgrammeMutations } from '../programmes/programme.mutations.js';
import { Programme } from '../programmes/programme.types.js';
import { SourceMutations } from '../sources/source.mutations.js';
import { Source } from '../sources/source.types.js';
import { versionResolver } from './version.resolver.js';

/** Every mutation of the network, and `version` on every editable type. Registered in src/graphql/resolvers.ts. */
export const EDITING_RESOLVERS: Function[] = [
  AssociationMutations, HubMutations, ProgrammeMutations, InstitutionMutations, EventMutations, FigureMutations, SourceMutations, RoleMutations,
  HierarchyMutations, EcosystemCreateMutations,
  AssociationListMutations, HubListMutations, ProgrammeListMutations, EventListMutations,
  versionResolver(Association, 'association'), versionResolver(Hub, 'hub'), versionResolver(Programme, 'programme'),
  versionResolver(Institution, 'institution'), versionResolver(Event, 'event'), versionResolver(Figure, 'figure'),
  versionResolver(Source, 'source'), versionResolver(Role, 'role'), versionResolver(Ecosystem, 'ecosystem'), versionResolver(Label, 'label'),
];
