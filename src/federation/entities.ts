import { GraphQLError, isObjectType, Kind, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { LoaderDefinition, RequestContext } from '../graphql/context.js';
import { fromGlobalId } from '../graphql/global-id.js';
import type { NodeTypes } from '../graphql/node.js';

/**
 * How `_entities` turns a partner's representation into a maillage record. Every key an entity
 * declares with `@key` resolves through the request's own loaders (the same ones the rest of the
 * schema uses), so N representations of one type cost one statement per key kind.
 *
 * - `{ __typename, id }`: the global ID is decoded and its type must be `__typename`;
 * - `{ __typename, slug }`: for the types whose slug is stable (their `@key(fields: "slug")`).
 */
export interface EntityLoaders {
  /** The node types of the domains (`id` keys). */
  nodes: NodeTypes;
  /** typename → loader by slug, from the domains' `slugs` (`slug` keys). */
  slugs: ReadonlyMap<string, LoaderDefinition<string, unknown>>;
}

/** A representation that cannot name a record: reported for that entity alone. */
export class RepresentationError extends Error {}

type Reference = Record<string, unknown> & { __typename: string };
type ResolveReference = (reference: Reference, ctx: RequestContext) => unknown;

/** The key field sets of an object type, from its `@key(fields: "…")` directives. */
export function keysOf(type: GraphQLObjectType): string[] {
  const keys: string[] = [];
  for (const directive of type.astNode?.directives ?? []) {
    if (directive.name.value !== 'key') continue;
    const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
    if (fields?.kind === Kind.STRING) keys.push(fields.value.trim());
  }
  return keys;
}

/** `__resolveReference` for an entity type, checked against what the loaders can serve (fails at start otherwise). */
export function referenceResolver(typename: string, keys: string[], loaders: EntityLoaders): ResolveReference {
  const unsupported = keys.filter((k) => !(k === 'id' && loaders.nodes.has(typename)) && !(k === 'slug' && loaders.slugs.has(typename)));
  if (unsupported.length > 0) throw new Error(`${typename} declares @key(fields: "${unsupported[0]}") but no domain of src/domains.ts gives a loader for it (Domain.nodes resolve "id", Domain.slugs resolve "slug")`);
  const bySlug = keys.includes('slug') ? loaders.slugs.get(typename) : undefined;
  const byId = keys.includes('id');
  const keyList = keys.map((k) => `\`${k}\``).join(' or ');
  return (reference, ctx) => {
    if (byId && reference.id !== undefined) {
      if (typeof reference.id !== 'string') throw new RepresentationError(`\`id\` must be a string (got ${JSON.stringify(reference.id)})`);
      let decoded: { typename: string; uuid: string };
      try {
        decoded = fromGlobalId(reference.id);
      } catch {
        throw new RepresentationError(`"${reference.id}" is not a maillage ID (IDs are opaque strings returned by this API)`);
      }
      if (decoded.typename !== typename) throw new RepresentationError(`"${reference.id}" is the ID of ${article(decoded.typename)}, not of ${article(typename)}`);
      return loaders.nodes.load(ctx, typename, decoded.uuid);
    }
    if (bySlug && reference.slug !== undefined) {
      if (typeof reference.slug !== 'string') throw new RepresentationError(`\`slug\` must be a string (got ${JSON.stringify(reference.slug)})`);
      return ctx.loader(bySlug).load(reference.slug);
    }
    throw new RepresentationError(`missing key field: ${article(typename)} is referenced by ${keyList}`);
  };
}

const article = (typename: string) => `${/^[AEIOU]/.test(typename) ? 'an' : 'a'} ${typename}`;

/** Reads the `__resolveReference` that @apollo/subgraph records on a type. */
function resolveReferenceOf(type: unknown): ResolveReference | undefined {
  if (!isObjectType(type)) return undefined;
  return (type.extensions as { apollo?: { subgraph?: { resolveReference?: ResolveReference } } }).apollo?.subgraph?.resolveReference;
}

/**
 * Replaces @apollo/subgraph's `_entities` resolver, which fails the whole list when one
 * representation names an unknown type: here each representation succeeds or fails alone (the
 * error's path is `_entities.N`, the others still resolve), in the order given.
 */
export function isolateEntityErrors(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field) throw new Error('the subgraph schema has no _entities field');
  const entityNames = Object.values(schema.getTypeMap()).filter((t) => resolveReferenceOf(t)).map((t) => t.name).sort();
  const resolve: GraphQLFieldResolver<unknown, RequestContext, { representations: unknown[] }> = (_root, { representations }, ctx) =>
    representations.map((representation, index) => {
      const fail = (reason: string) => new GraphQLError(`representations[${index}]: ${reason}`, {
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations' },
      });
      if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) return fail('a representation is an object with `__typename` and the fields of one key');
      const { __typename } = representation as { __typename?: unknown };
      if (typeof __typename !== 'string') return fail('`__typename` is missing');
      const resolveReference = resolveReferenceOf(schema.getType(__typename));
      if (!resolveReference) return fail(`"${__typename}" is not an entity of maillage (entities: ${entityNames.join(', ')})`);
      try {
        const result = resolveReference(representation as Reference, ctx);
        return result instanceof Promise ? result.then((value) => value ?? null) : result;
      } catch (error) {
        if (error instanceof RepresentationError) return fail(error.message);
        throw error;
      }
    });
  field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
}
