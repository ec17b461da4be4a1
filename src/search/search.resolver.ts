import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { loadNodeByType, Node, nodeTypesOf } from '../graphql/node.js';
import { badInput } from '../graphql/errors.js';
import { sql } from '../database/sql.js';
import { SearchKind } from './search-index.js';

registerEnumType(SearchKind, {
  name: 'SearchKind',
  description: 'Kinds of record the full-text search covers.',
  valuesConfig: {
    ECOSYSTEM: { description: 'Ecosystems, by every name they have borne and their description.' },
    ASSOCIATION: { description: 'Supporting associations, by name and mission.' },
    INSTITUTION: { description: 'Partner institutions, by name and description.' },
    HUB: { description: 'Hubs and venues, by name, address and description.' },
    PROGRAMME: { description: 'Programmes, by name, description and eligibility.' },
    EVENT: { description: 'Events, by name, hashtag and description.' },
    PERSON: { description: 'People in public roles, by name.' },
    TERRITORY: { description: 'Regions, departments, areas, countries, cities abroad and communes that seat an ecosystem or a hub.' },
    SOURCE: { description: 'Sources, by title, publisher and note.' },
  },
});

@ObjectType({ description: 'One search result: the record found, how well it matched and where.' })
export class SearchHit {
  @Field(() => Node, { description: 'The record found (an Ecosystem, Association, Programme, Event…).' })
  node!: unknown;

  @Field(() => SearchKind, { description: 'Its kind.' })
  kind!: SearchKind;

  @Field({ description: 'Its title as indexed (the current name for an ecosystem).' })
  title!: string;

  @Field(() => Float, { description: 'Relevance (PostgreSQL ts_rank_cd, where a match in the title weighs more; a title equal to the query, accents and case aside, gets 2 more). Higher is better; comparable within one search only.' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'An extract of the indexed text around the matched words, which are wrapped in <mark>…</mark> (the rest is plain text, not escaped HTML).' })
  snippet!: string | null;
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_HITS = 50;

/** `grand est numeri` → `grand & est & numeri:*`: every word, the last one as a prefix (type-ahead). Null when unusable. */
export function prefixQuery(query: string): string | null {
  const words = query.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const last = words.at(-1);
  if (!last || last.length < 2 || /"\s*$/.test(query)) return null;
  return [...words.slice(0, -1), `${last}:*`].join(' & ');
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], { description: 'Full-text search in French across the network, best matches first: insensitive to case and accents ("numerique" finds "Numérique"), with French stemming ("associations" finds "association"), web-search syntax ("quoted phrases", -excluded, or), and the last word also matched as a prefix for type-ahead.' })
  async search(
    @Arg('query', { description: `What to look for (1 to ${MAX_QUERY_LENGTH} characters).` }) query: string,
    @Ctx() ctx: RequestContext,
    @Arg('kinds', () => [SearchKind], { nullable: true, description: 'Only these kinds of record; all kinds when absent.' }) kinds?: SearchKind[] | null,
    @Arg('first', () => Int, { defaultValue: 10, description: `At most this many results (1 to ${MAX_HITS}).` }) first = 10,
  ): Promise<SearchHit[]> {
    const text = query.trim();
    if (text.length === 0) throw badInput('query', 'must not be empty');
    if (text.length > MAX_QUERY_LENGTH) throw badInput('query', `must be at most ${MAX_QUERY_LENGTH} characters (got ${text.length})`);
    if (!Number.isInteger(first) || first < 1 || first > MAX_HITS) throw badInput('first', `must be between 1 and ${MAX_HITS} (got ${first})`);
    if (kinds && kinds.length === 0) throw badInput('kinds', 'must name at least one kind (omit it to search every kind)');
    const nodeTypes = nodeTypesOf(ctx);
    const types = (kinds ?? Object.values(SearchKind)).filter((t) => nodeTypes.has(t));
    if (types.length === 0) return [];
    const rows = await sql<{ subject_type: SearchKind; subject_id: string; title: string; score: number; snippet: string | null }>(ctx.em,
      `with query as (
         select web, coalesce(web || prefix, web) as any_match, prefix
         from (select websearch_to_tsquery('maillage_french', $1) as web,
                      case when $2::text is null then null else to_tsquery('maillage_french', $2::text) end as prefix) q
       ), hits as (
         select se.subject_type, se.subject_id, se.title, se.body, ts_rank_cd(se.document, query.any_match)
                + case when lower(unaccent(se.title)) = lower(unaccent($1)) then 2 else 0 end as score
         from search_entry se, query
         where se.subject_type = any($3::text[]) and (se.document @@ query.web or se.document @@ query.prefix)
         order by score desc, se.title, se.subject_id
         limit $4
       )
       select hits.subject_type, hits.subject_id, hits.title, hits.score::float8 as score,
              ts_headline('maillage_french', case when hits.body = '' then hits.title else hits.body end, query.any_match,
                          'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "') as snippet
       from hits, query
       order by hits.score desc, hits.title, hits.subject_id`,
      [text, prefixQuery(text), types, first]);
    const nodes = await Promise.all(rows.map((r) => loadNodeByType(ctx, r.subject_type, r.subject_id)));
    return rows.flatMap((r, i) => (nodes[i] ? [{ node: nodes[i], kind: r.subject_type, title: r.title, score: r.score, snippet: r.snippet }] : []));
  }
}
