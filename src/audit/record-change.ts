import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';

export interface Change {
  /** The mutation that made it, e.g. `ecosystemRename`. */
  action: string;
  /** GraphQL type name of the record, e.g. `Ecosystem`. */
  recordType: string;
  recordId: string;
  /** Values before the change (null for a creation). */
  before: Record<string, unknown> | null;
  /** Values after the change (null for a deletion). */
  after: Record<string, unknown> | null;
}

/** Appends one entry to the audit trail, in the mutation's transaction (`em` must be the transactional one). */
export async function recordChange(em: EntityManager, ctx: RequestContext, change: Change): Promise<void> {
  if (!ctx.viewer) throw new Error('recordChange needs an authenticated viewer');
  await sql(em,
    `insert into audit_entry (token_id, author, action, record_type, record_id, before, after, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [ctx.viewer.tokenId, ctx.viewer.name, change.action, change.recordType, change.recordId,
      change.before && JSON.stringify(change.before), change.after && JSON.stringify(change.after), ctx.requestId]);
}
