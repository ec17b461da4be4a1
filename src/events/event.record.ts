import type { EntityData } from '@mikro-orm/core';
import { sql } from '../database/sql.js';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { parsePartialDate } from '../shared/partial-date.js';
import type { Event } from './event.entity.js';

const parisClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * An event between its seed form (seeds/events.yaml, the mutations' inputs) and its entity: the seed
 * loader's and the mutations' one mapping. Times are local to Europe/Paris, as the sources give them.
 * (Its organisers and ecosystems are child rows.)
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
