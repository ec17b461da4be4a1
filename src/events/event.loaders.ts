import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldValues } from '../editing/record-fields.js';
import { sql, sqlByKeys } from '../database/sql.js';
import { selectList } from '../database/select-list.js';
import { lastDaySql } from '../shared/partial-date.js';
import { Event } from './event.entity.js';
import { EVENT_FIELDS } from './event.record.js';
import type { Event as EventType } from './event.types.js';

/**
 * An event's select list: its entity's columns under their property names (selectList), and the
 * locality it takes place in: its own, else its venue's (`ev` is the event table's alias).
 */
export const eventColumns = (em: EntityManager) =>
  `${selectList(em, Event, 'ev')}, coalesce(ev.locality_id, (select h.locality_id from hub h where h.id = ev.venue_id)) as "placeId"`;

/** The last day an event runs (its end, else its start; a month or a year runs to its last day). */
export const EVENT_LAST_DAY = lastDaySql('coalesce(ev.ends_on, ev.starts_on)', 'coalesce(ev.ends_on_precision, ev.starts_on_precision)');

/** An event's row (eventColumns). */
export type EventRow = Omit<Event, 'createdAt' | 'updatedAt' | 'archivedAt' | 'version'> & { placeId: string | null };
export type EventNode = EventType & { uuid: string; venueId: string | null; localityId: string | null };

export function toEvent(r: EventRow): EventNode {
  // fieldValues' copy is the node (no further copies per event): its locality is the place found.
  const node = fieldValues(EVENT_FIELDS, r) as EventRow & Record<string, unknown>;
  node.localityId = r.placeId;
  node.timeZone = 'Europe/Paris';
  return asNode('Event', node) as unknown as EventNode;
}

export const eventById = defineLoader<string, EventNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<EventRow>(ctx.em, `select ${eventColumns(ctx.em)} from event ev where ev.id = any($1::uuid[]) and ev.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toEvent), (e) => e.uuid);
});

export const eventBySlug = defineLoader<string, EventNode | null>(async (ctx, slugs) => {
  const rows = await sqlByKeys<EventRow>(ctx.em, `select ${eventColumns(ctx.em)} from event ev where ev.slug = any($1::text[]) and ev.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toEvent), (e) => e.slug);
});

/** Organisers of each event, in order, as (type, uuid) pairs to load through the node registry. */
export const organisersByEvent = defineLoader<string, { type: string; id: string }[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<{ event_id: string; organiser_type: string; organiser_id: string }>(ctx.em,
    `select o.event_id, o.organiser_type, o.organiser_id from event_organiser o where o.event_id = any($1::uuid[]) order by o.event_id, o.position`, [ids]);
  return groupByKey(ids, rows, (r) => r.event_id).map((group) => group.map((r) => ({ type: r.organiser_type, id: r.organiser_id })));
});

export const ecosystemIdsByEvent = defineLoader<string, string[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<{ event_id: string; ecosystem_id: string }>(ctx.em,
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
      ? await sqlByKeys<EventRow & { ecosystem_id: string }>(ctx.em,
        `select top.ecosystem_id, ${eventColumns(ctx.em)}
         from unnest($1::uuid[]) as e(id)
         cross join lateral (
           -- A join, not "not exists (archived)": PostgreSQL answered that anti-join by scanning every
           -- event for archived ones (8.4 ms at scale 1, 7.1 of them in the scan); the join stops at
           -- $2 rows (0.4 ms).
           select x.ecosystem_id, x.event_id, x.starts_on from event_ecosystem x
           join event kept on kept.id = x.event_id and kept.archived_at is null
           where x.ecosystem_id = e.id
           order by x.starts_on desc, x.event_id desc limit $2
         ) top
         join event ev on ev.id = top.event_id
         order by top.ecosystem_id, top.starts_on desc, top.event_id desc`, [ids, Number(firstText)])
      : await sql<EventRow & { ecosystem_id: string }>(ctx.em,
        `select * from (
           select x.ecosystem_id, ${eventColumns(ctx.em)},
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
