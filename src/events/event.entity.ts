import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { date, editableColumns, notArchived, reference, uuidKey } from '../database/columns.js';
import { entityProperties } from '../editing/record-fields.js';
import { Ecosystem } from '../ecosystems/ecosystem.entity.js';
import { Hub } from '../hubs/hub.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { EVENT_FIELDS } from './event.record.js';

/** An event of the network. */
export const Event = defineEntity({
  name: 'Event',
  tableName: 'event',
  properties: {
    id: uuidKey(),
    ...entityProperties(EVENT_FIELDS),
    // The start's Paris time, when a source gives one (derived from the seed's `startsOn`).
    startsAt: p.datetime().columnType('timestamptz').fieldName('starts_at').nullable(),
    venueId: reference(Hub, 'venue_id').nullable(),
    localityId: reference(Territory, 'locality_id').nullable(),
    ...editableColumns(),
  },
  checks: [{ name: 'event_check', expression: '((ends_on IS NULL) OR (ends_on >= starts_on))' }],
  indexes: [{ name: 'event_starts_on_idx', expression: 'create index "event_starts_on_idx" on "event" ("starts_on" desc, "id")' }],
  filters: notArchived,
});
export type Event = InferEntity<typeof Event>;

/** Who organises an event, in order (an association, institution or ecosystem). */
export const EventOrganiser = defineEntity({
  name: 'EventOrganiser',
  tableName: 'event_organiser',
  properties: {
    eventId: reference(Event, 'event_id').primary().deleteRule('cascade'),
    organiserType: p.enum(['Association', 'Institution', 'Ecosystem'] as const).columnType('text').fieldName('organiser_type'),
    organiserId: p.uuid().primary().fieldName('organiser_id'),
    position: p.integer(),
  },
  primaryKeys: ['eventId', 'organiserId'],
});

/** The ecosystems an event belongs to; `starts_on` is the event's, copied by a trigger for the latest-events index. */
export const EventEcosystem = defineEntity({
  name: 'EventEcosystem',
  tableName: 'event_ecosystem',
  properties: {
    eventId: reference(Event, 'event_id').primary().deleteRule('cascade'),
    ecosystemId: reference(Ecosystem, 'ecosystem_id').primary(),
    startsOn: date('starts_on'),
  },
  primaryKeys: ['eventId', 'ecosystemId'],
  indexes: [
    { name: 'event_ecosystem_ecosystem_idx', properties: ['ecosystemId', 'eventId'] },
    { name: 'event_ecosystem_latest_idx', expression: 'create index "event_ecosystem_latest_idx" on "event_ecosystem" ("ecosystem_id", "starts_on" desc, "event_id" desc)' },
  ],
});
