import type { EntityData } from '@mikro-orm/core';
import { sql } from '../database/sql.js';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { parsePartialDate } from '../shared/partial-date.js';
import type { Event } from './event.entity.js';
import { NO_ROWS, writeLinks, type ChildList } from '../editing/child-rows.js';

const parisClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * An event between its seed form (seeds/events.yaml, the mutations' inputs) and its entity: the seed
 * loader's and the mutations' one mapping. Times are local to Europe/Paris, as the sources give them.
 * (Its organisers and ecosystems are child lists, below.)
 */
export const eventRecord = {
  async toSeed(r: Event, refs: SeedReferences): Promise<Record<string, unknown>> {
    const startsOn = partial(r.startsOn, r.startsOnPrecision);
    return compact({
      slug: r.slug, name: r.name, kind: r.kind, startsOn: r.startsAt ? `${startsOn}T${parisClock.format(new Date(r.startsAt))}` : startsOn,
      endsOn: partial(r.endsOn, r.endsOnPrecision), venue: await refs.slug('hub', r.venueId), locality: await refs.locality(r.localityId),
      hashtag: r.hashtag, description: r.description, descriptionEn: r.descriptionEn, note: r.note, noteEn: r.noteEn,
    });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Event>> {
    const starts = parsePartialDate(d.startsOn)!;
    const startsAt = starts.time
      ? (await sql<{ at: Date }>(refs.em, `select ($1::date + $2::time) at time zone 'Europe/Paris' as at`, [starts.date, starts.time]))[0]!.at
      : null;
    return {
      slug: d.slug, name: d.name, kind: d.kind, startsOn: starts.date, startsOnPrecision: starts.precision, startsAt: startsAt,
      endsOn: day(d.endsOn), endsOnPrecision: precision(d.endsOn), venueId: await refs.optionalId('hub', d.venue),
      localityId: await refs.optionalId('locality', d.locality), hashtag: d.hashtag ?? null, description: d.description ?? null,
      descriptionEn: d.descriptionEn ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
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
