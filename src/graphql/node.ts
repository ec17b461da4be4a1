import { Arg, Ctx, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import type { LoaderDefinition, RequestContext } from './context.js';
import { fromGlobalId } from './global-id.js';
import { badInput } from './errors.js';

@InterfaceType({
  description: 'An object with a global ID (Relay Global Object Identification): fetch any of them again with `node(id:)`.',
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global identifier, stable across releases.' })
  id!: string;
}

/** typename → the per-request loader that fetches it by uuid. Filled by each domain at import. */
const nodeLoaders = new Map<string, LoaderDefinition<string, unknown>>();

export function registerNodeType(typename: string, loader: LoaderDefinition<string, any>): void {
  nodeLoaders.set(typename, loader);
}

/** Loads a node of a registered type by its uuid (batched through that type's loader); null when the type is not registered. */
export function loadNodeByType(ctx: RequestContext, typename: string, uuid: string): Promise<unknown> {
  const loader = nodeLoaders.get(typename);
  return loader ? ctx.loader(loader).load(uuid) : Promise.resolve(null);
}

/** The typenames registered so far (those `node(id:)` can load). */
export function registeredNodeTypes(): string[] {
  return [...nodeLoaders.keys()];
}

async function loadNode(ctx: RequestContext, id: string, argument: string): Promise<unknown> {
  const { typename, uuid } = fromGlobalId(id, argument);
  const loader = nodeLoaders.get(typename);
  return loader ? ctx.loader(loader).load(uuid) : null;
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
