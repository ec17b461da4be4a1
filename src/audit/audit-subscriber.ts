import { ChangeSetType, type EntityManager, type EntityMetadata, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { AuditEntry } from './audit-entry.entity.js';

/** Who is writing and why: set by the write mechanism (src/editing/records.ts) on its transaction's EntityManager. */
export interface AuditContext {
  author: string;
  tokenId: string | null;
  requestId: string | null;
  /** The mutation, e.g. `hubUpdate`. */
  action: string;
  /** The sources each written record cites before and after the change (the audit keeps them beside the columns). */
  sources: Map<string, { before: string[] | null; after: string[] }>;
  /** Extra values for the `after` of a record (e.g. the sources cited for an archive). */
  extra: Map<string, Record<string, unknown>>;
  /** The records flushed so far, by entity name (= GraphQL typename): what search reindexes after the write. */
  written: Map<string, Set<string>>;
  /**
   * A change of a record's parts (an ecosystem's names, labels and attachments) audited as one change of
   * the record, with the snapshots its mutation takes, rather than one entry per row written.
   */
  whole?: { recordType: string; recordId: string; before: Record<string, unknown> | null; after: () => Promise<Record<string, unknown>> };
}

const contexts = new WeakMap<EntityManager, AuditContext>();

/** Audits every record flushed through `em` from now on (the transactional fork of one mutation). */
export function auditAs(em: EntityManager, context: Omit<AuditContext, 'sources' | 'extra' | 'written'>): AuditContext {
  const full: AuditContext = { ...context, sources: new Map(), extra: new Map(), written: new Map() };
  contexts.set(em, full);
  return full;
}

/**
 * One audit entry per record a mutation creates, changes or archives, from the flush's change sets:
 * before and after are the record's columns (as the table names them) and its sources. Only flushes on
 * an EntityManager given an audit context are audited: the seed loader audits seed records itself.
 * Runs after the flush, inside the mutation's transaction, so the new version is known.
 */
export class AuditSubscriber implements EventSubscriber {
  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const context = contexts.get(em);
    if (!context) return;
    const by = { author: context.author, tokenId: context.tokenId, requestId: context.requestId, action: context.action };
    for (const changeSet of uow.getChangeSets()) {
      const ids = context.written.get(changeSet.meta.className) ?? new Set<string>();
      ids.add(String(changeSet.getPrimaryKey()));
      context.written.set(changeSet.meta.className, ids);
    }
    if (context.whole) {
      const { recordType, recordId, before, after } = context.whole;
      await em.insert(AuditEntry, { ...by, recordType, recordId, before, after: await after() });
      return;
    }
    const entries = [];
    for (const changeSet of uow.getChangeSets()) {
      if (changeSet.meta.className === AuditEntry.meta.className) continue;
      const id = String(changeSet.getPrimaryKey());
      const sources = context.sources.get(id);
      const before = changeSet.type === ChangeSetType.CREATE ? null
        : { ...columns(changeSet.meta, changeSet.originalEntity ?? {}), ...(sources?.before ? { sources: sources.before } : {}) };
      const after = changeSet.type === ChangeSetType.DELETE ? null
        : { ...columns(changeSet.meta, changeSet.entity), ...(sources ? { sources: sources.after } : {}), ...context.extra.get(id) };
      entries.push({ ...by, recordType: changeSet.meta.className, recordId: id, before, after });
    }
    if (entries.length > 0) await em.insertMany(AuditEntry, entries);
  }
}

/** An entity's values keyed by column name, as JSON has them (the audit trail's form since its first entry). */
function columns(meta: EntityMetadata, values: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (!prop.fieldNames?.length || !(prop.name in values)) continue;
    const value = values[prop.name];
    row[prop.fieldNames[0]!] = value instanceof Date ? value.toISOString() : value ?? null;
  }
  return row;
}
