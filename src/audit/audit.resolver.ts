import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { fromGlobalId, toGlobalId } from '../graphql/global-id.js';
import { loadNodeByType, Node } from '../graphql/node.js';
import { badInput } from '../graphql/errors.js';
import { requireRole } from '../auth/viewer.js';
import { isoTimestamp } from '../auth/tokens.js';
import { AuditEntry } from './audit.types.js';

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry', 'audit entry');

@InputType({ description: 'Narrows the audit trail. Every condition given must hold.' })
export class AuditTrailFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes to the record with this global ID.' })
  recordId?: string;

  @Field(() => String, { nullable: true, description: 'Only changes made with the API token of this name.' })
  author?: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only changes made at or after this instant.' })
  from?: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only changes made before this instant.' })
  to?: Date;
}

@ArgsType()
class AuditTrailArgs extends PageArgs {
  @Field(() => AuditTrailFilter, { nullable: true, description: 'Conditions on the entries.' })
  filter?: AuditTrailFilter;
}

interface AuditRow {
  id: string; at: string; at_key: string; author: string; action: string; record_type: string; record_id: string;
  before: Record<string, unknown> | null; after: Record<string, unknown> | null; request_id: string | null;
}
type AuditNode = AuditEntry & { recordUuid: string };

const AUDIT_COLUMNS = `e.id, ${isoTimestamp('e.at')} as at, e.at::text as at_key, e.author, e.action, e.record_type, e.record_id, e.before, e.after, e.request_id`;

function toEntry(r: AuditRow): AuditNode {
  return {
    at: new Date(r.at), author: r.author, action: r.action, recordType: r.record_type, recordUuid: r.record_id,
    recordId: toGlobalId(r.record_type, r.record_id), record: null, before: r.before, after: r.after, requestId: r.request_id,
  };
}

@Resolver(() => AuditEntry)
export class AuditTrailResolver {
  @Query(() => AuditEntryConnection, { description: 'Every change made through the API or by a reload of the seed files (author `seed:…`), newest first. Needs an API token (role viewer and up): UNAUTHENTICATED without one.' })
  auditTrail(@Args() args: AuditTrailArgs, @Ctx() ctx: RequestContext) {
    requireRole(ctx, 'viewer');
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.recordId != null) {
      const { typename, uuid } = fromGlobalId(filter.recordId, 'filter.recordId');
      where.push(`e.record_type = $${params.push(typename)}`, `e.record_id = $${params.push(uuid)}::uuid`);
    }
    if (filter.author != null) where.push(`e.author = $${params.push(filter.author)}`);
    if (filter.from != null) where.push(`e.at >= $${params.push(filter.from)}::timestamptz`);
    if (filter.to != null) where.push(`e.at < $${params.push(filter.to)}::timestamptz`);
    if (filter.from != null && filter.to != null && filter.from >= filter.to) throw badInput('filter.to', 'must be after filter.from');
    return paginate<AuditRow>(ctx, {
      select: AUDIT_COLUMNS, from: 'audit_entry e', where, params, orderBy: ['e.at'], idColumn: 'e.id', descending: true,
      cursorOf: (r) => [r.at_key], toNode: toEntry,
    }, args);
  }

  @FieldResolver(() => Node, { nullable: true, description: 'The record changed, as it is now; null if it no longer exists.' })
  record(@Root() entry: AuditNode, @Ctx() ctx: RequestContext) {
    return loadNodeByType(ctx, entry.recordType, entry.recordUuid);
  }
}
