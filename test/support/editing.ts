import type { MikroORM } from '@mikro-orm/postgresql';
import { createToken } from '../../src/auth/tokens.js';
import { sql } from '../../src/database/sql.js';

/** `Authorization` headers of an editor, an admin and a viewer token, named after the suite. */
export async function roleHeaders(orm: MikroORM, suite: string): Promise<Record<'editor' | 'admin' | 'viewer', Record<string, string>>> {
  const bearer = async (name: string, role: string) => ({ authorization: `Bearer ${(await createToken(orm.em.fork(), { name, role })).token}` });
  return {
    editor: await bearer(`Editor ${suite}`, 'editor'),
    admin: await bearer(`Admin ${suite}`, 'admin'),
    viewer: await bearer(`Viewer ${suite}`, 'viewer'),
  };
}

/** A digest of the rows of these tables: any change to any row changes it (to prove a refused write wrote nothing). */
export async function tableDigest(orm: MikroORM, tables: readonly string[]): Promise<string> {
  const parts = await Promise.all(tables.map(async (t) => {
    const [row] = await sql<{ digest: string }>(orm.em.fork(), `select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as digest from ${t} x`);
    return `${t}:${row!.digest}`;
  }));
  return parts.join('|');
}
