import { Ctx, FieldResolver, Int, Resolver, Root, type ClassType } from 'type-graphql';
import { byKey, defineLoader, type RequestContext } from '../graphql/context.js';
import { sql } from '../database/sql.js';

/**
 * `version: Int!` on an editable type: the number an update states as `expectedVersion`. One batched
 * statement per list level. Made for every type a domain declares `versioned` (src/graphql/domain.ts).
 */
export function versionResolver(type: ClassType, table: string): ClassType {
  const versionById = defineLoader<string, number | null>(async (ctx, ids) => {
    const rows = await sql<{ id: string; version: number }>(ctx.em, `select id, version from ${table} where id = any($1::uuid[])`, [ids]);
    return byKey(ids, rows, (r) => r.id).map((r) => r?.version ?? null);
  });

  @Resolver(() => type)
  class VersionResolver {
    @FieldResolver(() => Int, { description: 'Revision number, +1 at every change: pass it as `expectedVersion` to update it (no lost update).' })
    version(@Root() record: { uuid: string }, @Ctx() ctx: RequestContext) {
      return ctx.loader(versionById).load(record.uuid);
    }
  }
  return VersionResolver;
}
