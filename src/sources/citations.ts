import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';

/**
 * The one writer of citations, for the seed loader and the mutations: each subject cites exactly
 * `sources` (slugs, in order; a repeated slug counts once), its other citations are dropped. One
 * statement whatever the number of subjects, and a citation already as wanted is not touched, so a
 * reload of unchanged seeds writes nothing. A subject with no sources loses all its citations.
 */
export async function writeCitations(em: EntityManager, subjectType: string, subjects: readonly { id: string; sources?: readonly string[] }[]): Promise<void> {
  if (subjects.length === 0) return;
  // A subject named twice cites what it is given last, as if written one after the other.
  const bySubject = new Map(subjects.map(({ id, sources }) => [id, sources ?? []]));
  const cited = [...bySubject].flatMap(([id, sources]) => [...new Set(sources)].map((slug, position) => ({ id, slug, position })));
  await sql(em,
    `with wanted as (
       select u.subject_id, s.id as source_id, u.position
       from unnest($2::uuid[], $3::text[], $4::int[]) as u(subject_id, slug, position) join source s on s.slug = u.slug
     ), gone as (
       delete from citation c where c.subject_type = $1 and c.subject_id = any($5::uuid[])
         and not exists (select 1 from wanted w where w.subject_id = c.subject_id and w.source_id = c.source_id)
     )
     insert into citation as t (subject_type, subject_id, source_id, position)
     select $1, subject_id, source_id, position from wanted
     on conflict (subject_type, subject_id, source_id) do update set position = excluded.position where t.position <> excluded.position`,
    [subjectType, cited.map((c) => c.id), cited.map((c) => c.slug), cited.map((c) => c.position), [...bySubject.keys()]]);
}
