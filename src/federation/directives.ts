/**
 * Federation 2 and cache-control directives, as type-graphql `@Directive(...)` strings. The types of
 * every domain use them; src/federation/subgraph.ts prints them into the subgraph SDL.
 *
 * - `@key(fields: "id")`: every Node type is an entity a partner subgraph can reference by its global ID.
 * - `@key(fields: "slug")`: types whose slug is stable (it survives renames) can also be referenced by slug.
 * - `@shareable`: value types other subgraphs may define identically (PageInfo, Coordinates, PartialDate).
 * - `@cacheControl(maxAge: …)`: the data is public; an answer that only touches hinted types is
 *   cacheable for the smallest maxAge met (src/federation/cache-policy.ts).
 */
export const KEY_BY_ID = '@key(fields: "id")';
export const KEY_BY_SLUG = '@key(fields: "slug")';
export const SHAREABLE = '@shareable';
/** Seconds a shared cache may keep an answer about public records (labels, hierarchy, programmes…). */
export const PUBLIC_MAX_AGE = 300;
export const PUBLIC_CACHE = `@cacheControl(maxAge: ${PUBLIC_MAX_AGE})`; // scope PUBLIC is the default
