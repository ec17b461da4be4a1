import { registerNodeType } from '../graphql/node.js';
import { byKey, defineLoader } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { sql } from '../database/sql.js';
import type { Person } from './person.types.js';

export type PersonNode = Person & { uuid: string };

/** Public columns only: contact details never leave the database on this path. */
export const personById = defineLoader<string, PersonNode | null>(async (ctx, ids) => {
  const rows = await sql<{ id: string; slug: string; name: string }>(ctx.em, `select p.id, p.slug, p.name from person p where p.id = any($1::uuid[])`, [ids]);
  return byKey(ids, rows.map((r) => asNode('Person', r) as unknown as PersonNode), (p) => p.uuid);
});

registerNodeType('Person', personById);
