import { defineEntity, p } from '@mikro-orm/core';
import { reference, text, uuidKey } from '../database/columns.js';
import { ApiToken } from '../auth/api-token.entity.js';

/** One change in the audit trail: who, which mutation (or seed load), which record, before and after. */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: uuidKey(),
    at: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    tokenId: reference(ApiToken, 'token_id').nullable(),
    author: text('author'),
    action: text('action'),
    recordType: text('record_type'),
    recordId: p.uuid().fieldName('record_id'),
    before: p.json<Record<string, unknown>>().columnType('jsonb').nullable(),
    after: p.json<Record<string, unknown>>().columnType('jsonb').nullable(),
    requestId: text('request_id').nullable(),
  },
  indexes: [
    { name: 'audit_entry_record_idx', expression: 'create index "audit_entry_record_idx" on "audit_entry" ("record_id", "at" desc)' },
    { name: 'audit_entry_at_idx', expression: 'create index "audit_entry_at_idx" on "audit_entry" ("at" desc, "id" desc)' },
  ],
});
