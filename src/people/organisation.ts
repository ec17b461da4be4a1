import type { RequestContext } from '../graphql/context.js';
import { loadNodeByType } from '../graphql/node.js';

/**
 * Polymorphic references (`organisation_type`/`organisation_id`, `partner_type`, `target_type`…) hold a
 * GraphQL type name and a uuid: they resolve through the node loader registered for that type, so a
 * list of references costs one statement per type referenced.
 */
export async function loadReference(ctx: RequestContext, typename: string | null, uuid: string | null): Promise<unknown> {
  return typename && uuid ? loadNodeByType(ctx, typename, uuid) : null;
}
