import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  graphql, GraphQLObjectType, GraphQLSchema, isObjectType, isSpecifiedDirective, lexicographicSortSchema, parse, type GraphQLNamedType,
} from 'graphql';
import { createResolversMap } from 'type-graphql';
import { buildMaillageSchema } from '../graphql/schema.js';
import { DOMAINS, NODE_TYPES } from '../domains.js';
import { loadersOf } from '../graphql/domain.js';
import { isolateEntityErrors, keysOf, referenceResolver, type EntityLoaders } from './entities.js';

/**
 * Federation version the subgraph links to. We use only `@key` and `@shareable` (v2.0); v2.7 is
 * understood by @apollo/subgraph 2.15 (≤ v2.15), @apollo/composition and @apollo/gateway 2.14
 * (≤ v2.14) and by the routers and rover releases of the last two years.
 */
export const FEDERATION_VERSION = 'v2.7';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: ["@key", "@shareable"])`;

/**
 * Apollo's cache-control directive, declared so that the subgraph SDL shows the hints. Only the
 * arguments we use: Apollo's `scope: CacheControlScope` would add an enum that every supergraph
 * would carry unused (composition hint UNUSED_ENUM_TYPE), and all of maillage's data is public.
 */
const CACHE_CONTROL = `
"""How long an answer that touches this type or field may be kept by a shared cache, in seconds (Apollo cache-control semantics; every hint here is public)."""
directive @cacheControl(maxAge: Int, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

/**
 * graphql-js's built-in `@oneOf`, declared: composition (@apollo/composition 2.14) predates it and
 * rejects an SDL that uses it undeclared. Declared, it is a subgraph directive that composition accepts
 * and leaves out of the supergraph; maillage itself still validates every `@oneOf` input.
 */
const ONE_OF = `
"""Exactly one field of this input object must be given, and not null."""
directive @oneOf on INPUT_OBJECT
`;

let built: Promise<GraphQLSchema> | undefined;

/**
 * The served schema: maillage as a Federation 2 subgraph. type-graphql builds the schema (with the
 * `@key`, `@shareable` and `@cacheControl` of the domain types); it is printed with its directives,
 * and @apollo/subgraph rebuilds it from that SDL with type-graphql's resolvers, plus
 * `__resolveReference` for every entity and `_entities` / `_service`.
 */
export function buildMaillageSubgraph(): Promise<GraphQLSchema> {
  built ??= buildMaillageSchema().then((schema) => {
    const typeDefs = parse(`${FEDERATION_LINK}\n${CACHE_CONTROL}\n${ONE_OF}\n${printSchemaWithDirectives(lexicographicSortSchema(schema))}`);
    const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
    const loaders: EntityLoaders = { nodes: NODE_TYPES, slugs: loadersOf(DOMAINS, 'slugs') };
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      const keys = keysOf(type);
      if (keys.length > 0) resolvers[type.name] = { ...resolvers[type.name], __resolveReference: referenceResolver(type.name, keys, loaders) };
    }
    const subgraph = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
    isolateEntityErrors(subgraph);
    return subgraph;
  });
  return built;
}

/** `{ _service { sdl } }`: what a gateway, a router or rover reads; committed as schema/subgraph.graphql. */
export async function printMaillageSubgraph(): Promise<string> {
  const result = await graphql({ schema: await buildMaillageSubgraph(), source: '{ _service { sdl } }' });
  if (result.errors?.length) throw result.errors[0];
  return `${(result.data as { _service: { sdl: string } })._service.sdl}\n`;
}

/** Names the federation machinery adds to the served schema: not part of the client-facing schema. */
const FEDERATION_TYPES = new Set(['_Any', '_Entity', '_Service', 'FieldSet', 'link__Import', 'link__Purpose']);
const FEDERATION_QUERY_FIELDS = new Set(['_entities', '_service']);
export const isFederationType = (name: string) => FEDERATION_TYPES.has(name) || name.startsWith('federation__') || name.startsWith('link__');

/**
 * The served schema without the federation machinery (`_entities`, `_service`, `_Any`, `@key`…):
 * what schema/schema.graphql shows clients. Works on an introspected schema too.
 */
export function clientFacingSchema(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const queryConfig = schema.getQueryType()!.toConfig();
  const query = new GraphQLObjectType({
    ...queryConfig,
    fields: Object.fromEntries(Object.entries(queryConfig.fields).filter(([name]) => !FEDERATION_QUERY_FIELDS.has(name))),
  });
  return new GraphQLSchema({
    ...config,
    query,
    types: config.types.filter((t: GraphQLNamedType) => t.name !== query.name && !isFederationType(t.name)),
    directives: config.directives.filter(isSpecifiedDirective),
  });
}
