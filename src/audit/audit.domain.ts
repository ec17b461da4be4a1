import type { Domain } from '../graphql/domain.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditTrailResolver } from './audit.resolver.js';

/** The audit trail of the changes made through the API. */
export const AUDIT: Domain = {
  name: 'audit',
  resolvers: [AuditTrailResolver],
  entities: [AuditEntry],
};
