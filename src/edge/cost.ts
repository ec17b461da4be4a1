import {
  getNamedType, getNullableType, isCompositeType, isListType, type DocumentNode, type GraphQLField, type GraphQLSchema,
} from 'graphql';
// The CJS build: the ESM one imports graphql/index.mjs, a second graphql instance beside the
// CommonJS one that 'graphql' resolves to in Node ("Duplicate graphql modules").
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity/cjs';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/pagination.js';

/**
 * What a document may cost, worked out before it runs (graphql-query-complexity walks the document;
 * the estimator below says what each field weighs).
 *
 * - A field returning an object costs 1 plus what is selected inside it; a scalar field costs 0.
 * - A paginated list (an argument `first`/`last`) multiplies what is selected inside it by the page
 *   size asked (default 20, capped at 100); the connection's own `nodes`/`edges` do not multiply again.
 * - An unpaginated list multiplies by its known maximum (LIST_MAXIMA), or by DEFAULT_LIST_MAXIMUM.
 * - Introspection (`__schema`, `__type`) is free: it reads the schema in memory.
 * - `nationalMap` and `search` carry their real weight on top (FIXED_WEIGHTS): the map reads and
 *   draws the whole network (~190 ms, 37 KB for one on the seeded network), search ranks a full-text query.
 * - Nested lists multiply: `ecosystems(first: 100) { nodes { descendants { ancestors { … } } } }`
 *   is 100 × 200 × 5 × …
 */
export const DEFAULT_LIST_MAXIMUM = 10;

/** Unpaginated lists and how long they can be on the network (with room for its growth). */
export const LIST_MAXIMA: Record<string, number> = {
  'Ecosystem.children': 20,
  'Ecosystem.descendants': 200,
  'Ecosystem.ancestors': 5,
  'Ecosystem.carriers': 3,
  'Ecosystem.carriedBy': 3,
  'Ecosystem.programmes': 10,
  'Ecosystem.territories': 20,
  'Ecosystem.hubs': 10,
  'Ecosystem.labels': 10,
  'Ecosystem.names': 5,
  'Ecosystem.parentLinks': 10,
  'Association.ecosystems': 5,
  'Association.programmes': 10,
  'Institution.children': 30,
  'Institution.programmes': 10,
  'Campaign.labels': 200,
  'Query.campaigns': 10,
  'NationalNetwork.capitals': 25,
  'NationalNetwork.communities': 200,
  'NationalNetwork.counts': 10,
  'Territory.departments': 20,
  'Territory.ecosystems': 20,
  'Hub.ecosystems': 10,
  'Event.ecosystems': 10,
  'Programme.territories': 20,
  'Programme.deployedBy': 30,
  // Drawn as a whole: its weight is in FIXED_WEIGHTS, its lists do not multiply again.
  'NationalMap.points': 1,
  'NationalMap.links': 1,
  'MapPoint.labelPath': 1,
  'UserError.field': 1,
};

/**
 * Paginated lists that can never be as long as a page may ask: `capitals(first: 100)` returns at
 * most the capitals there are (17 today).
 */
export const PAGE_MAXIMA: Record<string, number> = {
  'Query.capitals': 25,
};

/** Fields whose work is more than their shape shows. */
export const FIXED_WEIGHTS: Record<string, number> = {
  // Two statements over the whole network on a date, then the points, links and GeoJSON: about 10×
  // the national map as one nested query, 100× a community page, measured (README, "Limits").
  'Query.nationalMap': 25_000,
  'Query.search': 20,
  'Query.programmeFinder': 20,
};

/** Lists inside a connection: the page size already counted them. */
const CONNECTION_LISTS = new Set(['nodes', 'edges']);

const pageSize = (args: Record<string, unknown>): number => {
  const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(asked, MAX_PAGE_SIZE));
};

export const fieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection reads the schema held in memory: free (GraphiQL's query would otherwise cost ~10⁵).
  if (field.name === '__schema' || field.name === '__type') return 0;
  const key = `${type.name}.${field.name}`;
  const fixed = FIXED_WEIGHTS[key] ?? 0;
  const composite = isCompositeType(getNamedType(field.type));
  const own = composite ? 1 : 0;
  if ('first' in (args ?? {}) || 'last' in (args ?? {}) || hasPageArgument(field)) {
    return fixed + own + Math.min(pageSize(args), PAGE_MAXIMA[key] ?? MAX_PAGE_SIZE) * childComplexity;
  }
  if (isListType(getNullableType(field.type))) {
    let maximum = LIST_MAXIMA[key];
    if (maximum === undefined) {
      if (CONNECTION_LISTS.has(field.name) && type.name.endsWith('Connection')) maximum = 1;
      else if (field.name === 'nodes' && Array.isArray(args?.ids)) maximum = Math.max(1, (args.ids as unknown[]).length);
      else maximum = DEFAULT_LIST_MAXIMUM;
    }
    return fixed + maximum * (own + childComplexity);
  }
  return fixed + own + childComplexity;
};

function hasPageArgument(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((a) => a.name === 'first' || a.name === 'last');
}

/** The cost of one operation of a document with its variables (throws on invalid variables). */
export function documentCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string): number {
  return getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [fieldCost] });
}
