import 'reflect-metadata';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { RESOLVERS } from './resolvers.js';
import { markOneOfInputs } from '../editing/typed-references.js';

let built: Promise<GraphQLSchema> | undefined;

/** The public schema, built once per process from the resolver classes of every domain. */
export function buildMaillageSchema(): Promise<GraphQLSchema> {
  // Plain fields read their property directly (graphql-js default resolver) instead of going through
  // type-graphql's middleware wrapper: we use no middlewares, and the national map resolves thousands
  // of fields per request. Field resolvers are unaffected.
  for (const objectType of getMetadataStorage().objectTypes) objectType.simpleResolvers ??= true;
  built ??= buildSchema({
    resolvers: RESOLVERS,
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

/** The SDL committed in schema/schema.graphql, sorted so that diffs stay readable. */
export async function printMaillageSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildMaillageSchema())) + '\n';
}
