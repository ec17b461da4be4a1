import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';

/**
 * The bench's references, in their own process (test/bench/run.ts starts it):
 *
 * - `GET /bare`: a bare node:http server sending fixed bytes (REFERENCE_BODY_FILE) with the API's
 *   content type and ETag (REFERENCE_ETAG), 304 when If-None-Match names it — the wire's speed.
 * - `GET /sql/national-map`, `GET /sql/community-page?slug=`: the nested national map and the community
 *   page answered the way a generic GraphQL-over-PostgreSQL server compiles them (PostGraphile 5, Hasura):
 *   one SQL statement per request whose JSON PostgreSQL builds itself (json_agg), relayed as is. It does
 *   no GraphQL parsing, validation or execution at all, so it is a stricter bar than such a server.
 *
 * The statements are written so that PostgreSQL reads by index, as such a server's do (PostGraphile
 * 5.2 moved its joins into lateral subqueries for this very reason), and are prepared once per
 * connection, as maillage's own are: a slower reference would flatter maillage's ratios.
 */
const body = process.env.REFERENCE_BODY_FILE ? readFileSync(process.env.REFERENCE_BODY_FILE) : Buffer.from('{}');
const etag = process.env.REFERENCE_ETAG ?? '"bare"';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const asOf = process.env.REFERENCE_AS_OF ?? new Date().toISOString().slice(0, 10);

const IN_FORCE = (alias: string) => `${alias}.valid_from <= $1 and (${alias}.valid_to is null or ${alias}.valid_to >= $1)`;
const NAME = (id: string) => `(select n.name from ecosystem_name n where n.ecosystem_id = ${id} order by n.position desc limit 1)`;
const CARRIERS = (id: string) => `(select coalesce(json_agg(json_build_object('name', s.name,
    'programmes', (select coalesce(json_agg(json_build_object('name', p.name) order by p.name, p.id), '[]') from programme p where p.operator_id = s.id and p.archived_at is null))
    order by s.slug), '[]')
  -- offset 0 keeps the lateral a subquery: an index read of one association per carrier, where a join
  -- was answered by hashing the whole association table for every community.
  from carrier k cross join lateral (select s.id, s.name, s.slug from association s where s.id = k.association_id offset 0) s
  where k.ecosystem_id = ${id} and (k.valid_from is null or k.valid_from <= $1) and (k.valid_to is null or k.valid_to >= $1))`;

const NATIONAL_MAP = `
  select json_build_object('data', json_build_object('capitals', json_build_object('nodes', coalesce(json_agg(x.capital order by x.slug), '[]'))))::text as json
  from (
    select e.slug, json_build_object('name', ${NAME('e.id')},
      'children', (select coalesce(json_agg(json_build_object('name', ${NAME('c.id')}, 'carriers', ${CARRIERS('c.id')}) order by c.slug), '[]')
                   from attachment a join ecosystem c on c.id = a.child_id where a.parent_id = e.id and ${IN_FORCE('a')})) as capital
    from ecosystem root
    join attachment ra on ra.parent_id = root.id and ${IN_FORCE('ra')}
    join ecosystem e on e.id = ra.child_id
    where root.slug = 'la-french-tech'
      and exists (select 1 from label l where l.ecosystem_id = e.id and l.kind = 'CAPITAL' and ${IN_FORCE('l')})
  ) x`;

const COMMUNITY_PAGE = `
  select json_build_object('data', json_build_object('ecosystem', json_build_object(
    'name', ${NAME('e.id')},
    'kind', (select l.kind from label l where l.ecosystem_id = e.id and ${IN_FORCE('l')} order by l.position desc limit 1),
    'parent', (select json_build_object('name', ${NAME('p.id')}, 'slug', p.slug) from attachment a join ecosystem p on p.id = a.parent_id
               where a.child_id = e.id and ${IN_FORCE('a')} order by a.valid_from desc limit 1),
    'carriers', ${CARRIERS('e.id')},
    'programmes', (select coalesce(json_agg(json_build_object('name', p.name) order by p.name, p.id), '[]') from programme_deployment d
                   join programme p on p.id = d.programme_id where d.ecosystem_id = e.id and p.archived_at is null),
    -- The junction's own copy of starts_on and its index (event_ecosystem_latest_idx), as maillage reads them.
    'events', (select coalesce(json_agg(json_build_object('name', v.name, 'startsOn', json_build_object('text', v.starts_on::text)) order by v.starts_on desc, v.event_id desc), '[]')
               from (select x.event_id, x.starts_on, ev.name from event_ecosystem x join event ev on ev.id = x.event_id and ev.archived_at is null
                     where x.ecosystem_id = e.id order by x.starts_on desc, x.event_id desc limit 20) v)
  )))::text as json
  from ecosystem e where e.slug = $2`;

/** Named: prepared once per connection, then only bound and executed. */
const STATEMENTS: Record<string, { name: string; text: string; values: (url: URL) => unknown[] }> = {
  '/sql/national-map': { name: 'reference-national-map', text: NATIONAL_MAP, values: () => [asOf] },
  '/sql/community-page': { name: 'reference-community-page', text: COMMUNITY_PAGE, values: (url) => [asOf, url.searchParams.get('slug')] },
};

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/bare') {
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'public, max-age=300, stale-while-revalidate=300');
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return res.end();
    }
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', body.length);
    return res.end(body);
  }
  try {
    const statement = STATEMENTS[url.pathname];
    if (!statement) {
      res.statusCode = 404;
      return res.end();
    }
    const { rows } = await pool.query<{ json: string }>({ name: statement.name, text: statement.text, values: statement.values(url) });
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(rows[0]?.json ?? '{"data":null}');
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
