import { defineEntity, p } from '@mikro-orm/core';
import { text, uuidKey } from '../database/columns.js';

/** An API token: only a hash of its secret is stored. */
export const ApiToken = defineEntity({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: {
    id: uuidKey(),
    name: text('name'),
    role: p.enum(['viewer', 'editor', 'admin'] as const).columnType('text'),
    secretHash: text('secret_hash'),
    createdAt: p.datetime().columnType('timestamptz').fieldName('created_at').defaultRaw('now()'),
    expiresAt: p.datetime().columnType('timestamptz').fieldName('expires_at').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').fieldName('revoked_at').nullable(),
    lastUsedAt: p.datetime().columnType('timestamptz').fieldName('last_used_at').nullable(),
  },
});
