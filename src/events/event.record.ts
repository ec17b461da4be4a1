import type { EntityData } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { sql } from '../database/sql.js';
import { compact, partial, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { fieldData, fieldSeed, readerNote, recordField } from '../editing/record-fields.js';
import { parsePartialDate } from '../shared/partial-date.js';
import type { Event } from './event.entity.js';
import { NO_ROWS, writeLinks, type ChildList } from '../editing/child-rows.js';

export enum EventKind { CONFERENCE = 'CONFERENCE', MEETUP = 'MEETUP', LAUNCH = 'LAUNCH', HACKATHON = 'HACKATHON', WEEK = 'WEEK', OTHER = 'OTHER' }
registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of event.',
  valuesConfig: {
    CONFERENCE: { description: 'A conference or forum (round tables, talks).' },
    MEETUP: { description: 'A meeting of a community or network.' },
    LAUNCH: { description: 'A launch or announcement (of a label, a community, a network).' },
    HACKATHON: { description: 'A hackathon.' },
    WEEK: { description: 'A themed week or festival over several days.' },
    OTHER: { description: 'Anything else.' },
  },
});

/**
 * An event's plain fields, each defined once: its column (event.entity.ts), its seed-file schema
 * (seeds/events.yaml), its GraphQL field (event.types.ts) and its create/update inputs
 * (event.mutations.ts) come from here (src/editing/record-fields.ts).
 */
export const EVENT_FIELDS = {
  slug: recordField.slug('Stable, human-readable key.'),
  name: recordField.text('Name of the event.'),
  kind: recordField.enumeration(EventKind, 'What kind of event it is.'),
  // The inputs take a Paris time as well (`YYYY-MM-DDTHH:MM`, kept in `startsAt`): their field is written by hand.
  startsOn: recordField.partialDate('When it starts (first day), as precisely as the sources give it.', { input: false }),
  endsOn: recordField.partialDate('When it ends, for events over several days; null for a one-day event or when unknown.', { nullable: true }),
  hashtag: recordField.text('Its hashtag ("#GEN1").', { nullable: true }),
  // Served in the language asked by EventResolver.description / .note.
  description: recordField.text('What it is, in French.', { nullable: true, output: 'resolver' }),
  descriptionEn: recordField.text('What it is, in English (a translation of `description`).', { nullable: true, output: 'resolver' }),
  ...readerNote(),
};

const parisClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * An event between its seed form (seeds/events.yaml, the mutations' inputs) and its entity: the seed
 * loader's and the mutations' one mapping. Its plain fields map themselves; its start's time and its
 * references are written here. Times are local to Europe/Paris, as the sources give them.
 * (Its organisers and ecosystems are child lists, below.)
 */
export const eventRecord = {
  async toSeed(r: Event, refs: SeedReferences): Promise<Record<string, unknown>> {
    const startsOn = partial(r.startsOn, r.startsOnPrecision);
    return compact({
      ...fieldSeed(EVENT_FIELDS, r),
      startsOn: r.startsAt ? `${startsOn}T${parisClock.format(new Date(r.startsAt))}` : startsOn,
      venue: await refs.slug('hub', r.venueId), locality: await refs.locality(r.localityId),
    });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Event>> {
    const starts = parsePartialDate(d.startsOn)!;
    const startsAt = starts.time
      ? (await sql<{ at: Date }>(refs.em, `select ($1::date + $2::time) at time zone 'Europe/Paris' as at`, [starts.date, starts.time]))[0]!.at
      : null;
    return {
      ...fieldData(EVENT_FIELDS, d),
      startsAt,
      venueId: await refs.optionalId('hub', d.venue), localityId: await refs.optionalId('locality', d.locality),
    };
  },
};

/** `events[].organisers` of the seed files: who organises an event (`association:…`, `institution:…`, `ecosystem:…`), in order. */
export const EVENT_ORGANISERS: ChildList = {
  field: 'organisers',
  read: (em, id) => sql<{ ref: string }>(em,
    `select lower(o.organiser_type) || ':' || coalesce(a.slug, i.slug, e.slug) as ref from event_organiser o
     left join association a on o.organiser_type = 'Association' and a.id = o.organiser_id
     left join institution i on o.organiser_type = 'Institution' and i.id = o.organiser_id
     left join ecosystem e on o.organiser_type = 'Ecosystem' and e.id = o.organiser_id
     where o.event_id = $1 order by o.position`, [id]).then((rows) => rows.map((r) => r.ref)),
  async write(refs, id, items) {
    const rows = [];
    for (const [position, value] of (items as string[]).entries()) {
      const [organiserType, organiserId] = await refs.polymorphic(value);
      rows.push({ organiser_id: organiserId, organiser_type: organiserType, position });
    }
    await writeLinks(refs.em, 'event_organiser', 'event_id', id, 'organiser_id', rows);
    return NO_ROWS;
  },
};

/** `events[].ecosystems` of the seed files: the ecosystems an event belongs to (slugs). */
export const EVENT_ECOSYSTEMS: ChildList = {
  field: 'ecosystems',
  read: (em, id) => sql<{ slug: string }>(em,
    `select e.slug from event_ecosystem ee join ecosystem e on e.id = ee.ecosystem_id where ee.event_id = $1 order by e.slug`, [id]).then((rows) => rows.map((r) => r.slug)),
  async write(refs, id, items) {
    const rows = [];
    // starts_on is copied from the event by a trigger (Migration20261123190000_latest_events).
    for (const slug of items as string[]) rows.push({ ecosystem_id: await refs.id('ecosystem', slug) });
    await writeLinks(refs.em, 'event_ecosystem', 'event_id', id, 'ecosystem_id', rows);
    return NO_ROWS;
  },
};
