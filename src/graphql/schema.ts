import 'reflect-metadata';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DOMAINS } from '../domains.js';
import { versionResolver } from '../editing/version.resolver.js';
import { NodeResolver } from './node.js';
import { resolversOf, type Domain } from './domain.js';
import { markOneOfInputs } from '../editing/typed-references.js';

let built: Promise<GraphQLSchema> | undefined;

/** The public schema, built once per process from what the domains of src/domains.ts contribute. */
export function buildMaillageSchema(): Promise<GraphQLSchema> {
  // Plain fields read their property directly (graphql-js default resolver) instead of going through
  // type-graphql's middleware wrapper: we use no middlewares, and the national map resolves thousands
  // of fields per request. Field resolvers are unaffected.
  for (const objectType of getMetadataStorage().objectTypes) objectType.simpleResolvers ??= true;
  built ??= buildSchema({
    resolvers: [NodeResolver, ...resolversOf(DOMAINS), ...versionResolvers(DOMAINS)],
    orphanedTypes: DOMAINS.flatMap((d) => d.orphanedTypes ?? []),
    // Arguments are checked explicitly where they need it: class-validator on every call costs
    // a dynamic import per resolver invocation in type-graphql 2.0.0-rc.4 (STACK.md).
    validate: false,
  }).then((schema) => {
    markOneOfInputs(schema);
    schema.getQueryType()!.description =
      'maillage: the French Tech network (La French Tech → Capitales → Communautés, with their associations, hubs, programmes, partners, events and figures), dated and sourced.';
    const mutation = schema.getMutationType();
    if (mutation) mutation.description = 'Editing the network (API token required): one mutation per business action, each taking one `input` and answering its payload with `userErrors`. See README, "Editing the network".';
    return schema;
  });
  return built;
}

/** `version: Int!` on every type a domain declares editable. */
function versionResolvers(domains: readonly Domain[]) {
  return domains.flatMap((d) => d.versioned ?? []).map(({ type, table }) => versionResolver(type, table));
}

/** The SDL committed in schema/schema.graphql, sorted so that diffs stay readable. */
export async function printMaillageSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildMaillageSchema())) + '\n';
}
