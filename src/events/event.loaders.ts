import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { partialDate } from '../graphql/common-types.js';
import { sql } from '../database/sql.js';
import { lastDaySql } from '../shared/partial-date.js';
import type { Event } from './event.types.js';

/** Event columns; `locality_id` falls back to the venue's locality. */
export const EVENT_COLUMNS = `ev.id, ev.slug, ev.name, ev.kind, ev.starts_on::text, ev.starts_on_precision, ev.starts_at,
  ev.ends_on::text, ev.ends_on_precision, ev.venue_id,
  coalesce(ev.locality_id, (select h.locality_id from hub h where h.id = ev.venue_id)) as locality_id, ev.hashtag, ev.description, ev.description_en, ev.note, ev.note_en`;

/** The last day an event runs (its end, else its start; a month or a year runs to its last day). */
export const EVENT_LAST_DAY = lastDaySql('coalesce(ev.ends_on, ev.starts_on)', 'coalesce(ev.ends_on_precision, ev.starts_on_precision)');

export interface EventRow {
  note: string | null; note_en: string | null;
  id: string; slug: string; name: string; kind: string; starts_on: string; starts_on_precision: string; starts_at: Date | null;
  ends_on: string | null; ends_on_precision: string | null; venue_id: string | null; locality_id: string | null;
  hashtag: string | null; description: string | null; description_en: string | null;
}
export type EventNode = Event & { uuid: string; venueId: string | null; localityId: string | null };

export function toEvent(r: EventRow): EventNode {
  return asNode('Event', {
    id: r.id, slug: r.slug, name: r.name, kind: r.kind, startsOn: partialDate(r.starts_on, r.starts_on_precision)!,
    endsOn: partialDate(r.ends_on, r.ends_on_precision), startsAt: r.starts_at, timeZone: 'Europe/Paris',
    venueId: r.venue_id, localityId: r.locality_id, hashtag: r.hashtag, description: r.description, descriptionEn: r.description_en, note: r.note, noteEn: r.note_en,
  }) as unknown as EventNode;
}

export const eventById = defineLoader<string, EventNode | null>(async (ctx, ids) => {
  const rows = await sql<EventRow>(ctx.em, `select ${EVENT_COLUMNS} from event ev where ev.id = any($1::uuid[]) and ev.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toEvent), (e) => e.uuid);
});

export const eventBySlug = defineLoader<string, EventNode | null>(async (ctx, slugs) => {
  const rows = await sql<EventRow>(ctx.em, `select ${EVENT_COLUMNS} from event ev where ev.slug = any($1::text[]) and ev.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toEvent), (e) => e.slug);
});

/** Organisers of each event, in order, as (type, uuid) pairs to load through the node registry. */
export const organisersByEvent = defineLoader<string, { type: string; id: string }[]>(async (ctx, ids) => {
  const rows = await sql<{ event_id: string; organiser_type: string; organiser_id: string }>(ctx.em,
    `select o.event_id, o.organiser_type, o.organiser_id from event_organiser o where o.event_id = any($1::uuid[]) order by o.event_id, o.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.event_id).map((group) => group.map((r) => ({ type: r.organiser_type, id: r.organiser_id })));
});

export const ecosystemIdsByEvent = defineLoader<string, string[]>(async (ctx, ids) => {
  const rows = await sql<{ event_id: string; ecosystem_id: string }>(ctx.em,
    `select x.event_id, x.ecosystem_id from event_ecosystem x join ecosystem e on e.id = x.ecosystem_id
     where x.event_id = any($1::uuid[]) order by x.event_id, e.slug`, [ids]);
  return groupByKey(ids, rows, (r) => r.event_id).map((group) => group.map((r) => r.ecosystem_id));
});

/**
 * Events of each ecosystem, at most `first` each: keys are `first|upcoming|ecosystemUuid`, and all the
 * keys of a batch sharing `first|upcoming` cost one statement (the latest: an index top-N per ecosystem;
 * upcoming or past: a window function ranks them).
 * upcoming `true`: not yet ended, soonest first; `false`: ended, latest first; empty: all, latest first.
 */
export const eventsByEcosystem = defineLoader<string, EventNode[]>(async (ctx, keys) => {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const at = key.lastIndexOf('|');
    const options = key.slice(0, at);
    groups.set(options, [...(groups.get(options) ?? []), key.slice(at + 1)]);
  }
  const results = new Map<string, EventNode[]>();
  await Promise.all([...groups].map(async ([options, ids]) => {
    const [firstText, upcomingText] = options.split('|') as [string, string];
    const upcoming = upcomingText === '' ? null : upcomingText === 'true';
    const rows = upcoming === null
      // Latest first: the top of the (ecosystem_id, starts_on desc) index for each ecosystem.
      ? await sql<EventRow & { ecosystem_id: string }>(ctx.em,
        `select top.ecosystem_id, ${EVENT_COLUMNS}
         from unnest($1::uuid[]) as e(id)
         cross join lateral (
           select x.ecosystem_id, x.event_id, x.starts_on from event_ecosystem x
           where x.ecosystem_id = e.id
             and not exists (select 1 from event archived where archived.id = x.event_id and archived.archived_at is not null)
           order by x.starts_on desc, x.event_id desc limit $2
         ) top
         join event ev on ev.id = top.event_id
         order by top.ecosystem_id, top.starts_on desc, top.event_id desc`, [ids, Number(firstText)])
      : await sql<EventRow & { ecosystem_id: string }>(ctx.em,
        `select * from (
           select x.ecosystem_id, ${EVENT_COLUMNS},
                  row_number() over (partition by x.ecosystem_id order by ${upcoming ? 'ev.starts_on asc, ev.id asc' : 'ev.starts_on desc, ev.id desc'}) as rank
           from event_ecosystem x join event ev on ev.id = x.event_id
           where x.ecosystem_id = any($1::uuid[]) and ev.archived_at is null and ${EVENT_LAST_DAY} ${upcoming ? '>=' : '<'} $2::date
         ) ranked where rank <= $3 order by ecosystem_id, rank`, [ids, ctx.today, Number(firstText)]);
    groupByKey(ids, rows, (r) => r.ecosystem_id).forEach((events, i) => results.set(`${options}|${ids[i]}`, events.map(toEvent)));
  }));
  return keys.map((key) => results.get(key) ?? []);
});

export const eventsByEcosystemKey = (first: number, upcoming: boolean | null | undefined, ecosystemId: string) =>
  `${first}|${upcoming ?? ''}|${ecosystemId}`;
