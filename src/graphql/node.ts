import { Arg, Ctx, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import type { LoaderDefinition, RequestContext } from './context.js';
import { fromGlobalId } from './global-id.js';
import { badInput } from './errors.js';
import { loadersOf, type Domain } from './domain.js';

@InterfaceType({
  description: 'An object with a global ID (Relay Global Object Identification): fetch any of them again with `node(id:)`.',
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global identifier, stable across releases.' })
  id!: string;
}

/** typename → the per-request loader that fetches it by uuid, from the domains' `nodes` (src/domains.ts). */
export class NodeTypes {
  private constructor(private readonly loaders: ReadonlyMap<string, LoaderDefinition<string, unknown>>) {}

  static of(domains: readonly Domain[]): NodeTypes {
    return new NodeTypes(loadersOf(domains, 'nodes'));
  }

  /** Whether `node(id:)` can load objects of this type. */
  has(typename: string): boolean {
    return this.loaders.has(typename);
  }

  /** Loads a node of a type by its uuid (batched through that type's loader); null when the type is not a node type. */
  load(ctx: RequestContext, typename: string, uuid: string): Promise<unknown> {
    const loader = this.loaders.get(typename);
    return loader ? ctx.loader(loader).load(uuid) : Promise.resolve(null);
  }
}

/** The request's node types; a context made without them cannot resolve references. */
export function nodeTypesOf(ctx: RequestContext): NodeTypes {
  if (!ctx.nodes) throw new Error('this request context was made without node types (pass NODE_TYPES from src/domains.ts)');
  return ctx.nodes;
}

/** Loads a node of a type by its uuid through the request's node types; null when the type is not a node type. */
export function loadNodeByType(ctx: RequestContext, typename: string, uuid: string): Promise<unknown> {
  return nodeTypesOf(ctx).load(ctx, typename, uuid);
}

async function loadNode(ctx: RequestContext, id: string, argument: string): Promise<unknown> {
  const { typename, uuid } = fromGlobalId(id, argument);
  return loadNodeByType(ctx, typename, uuid);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when no such object exists.' })
  node(@Arg('id', () => ID, { description: 'A global ID returned by this API.' }) id: string, @Ctx() ctx: RequestContext) {
    return loadNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by global ID, in the order asked; null for each unknown ID. At most 100.' })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs returned by this API.' }) ids: string[], @Ctx() ctx: RequestContext) {
    if (ids.length > 100) throw badInput('ids', `at most 100 IDs per call (got ${ids.length})`);
    return Promise.all(ids.map((id, i) => loadNode(ctx, id, `ids[${i}]`)));
  }
}
