import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';

/**
 * Runs one parameterised statement ($1, $2…) on the EntityManager's connection, inside its
 * transaction when it has one, and returns plain rows. Bulk reads use this instead of managed
 * entities: no hydration, no identity map (see STACK.md, "Speed").
 */
export async function sql<Row>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  const transaction = em.getTransactionContext<Kysely<unknown>>();
  const executor = transaction ?? em.getConnection().getClient<unknown>();
  const result = await executor.executeQuery<Row>(CompiledQuery.raw(text, params as unknown[]));
  return result.rows as Row[];
}
