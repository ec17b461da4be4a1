import type { Domain } from '../graphql/domain.js';
import { Event as EventEntity, EventEcosystem, EventOrganiser } from './event.entity.js';
import { EventListMutations } from './event-lists.mutations.js';
import { EcosystemEventsResolver, EventResolver } from './event.resolver.js';
import { EventMutations } from './event.mutations.js';
import { Event } from './event.types.js';
import { eventById, eventBySlug } from './event.loaders.js';

/** Events, and `events` on ecosystems. */
export const EVENTS: Domain = {
  name: 'events',
  resolvers: [EventResolver, EcosystemEventsResolver, EventMutations, EventListMutations],
  nodes: { Event: eventById },
  slugs: { Event: eventBySlug },
  versioned: [{ type: Event, table: 'event' }],
  entities: [EventEntity, EventOrganiser, EventEcosystem],
};
