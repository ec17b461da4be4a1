import { UnderscoreNamingStrategy } from '@mikro-orm/core';

/**
 * PostgreSQL's own names for constraints (`hub_slug_key`, `hub_locality_id_fkey`, `hub_kind_check`):
 * the hand-written migrations let PostgreSQL name them, and mutations recognise a taken slug by its
 * `_slug_key` constraint, so the entities and any generated migration use the same names.
 */
export class PostgresNamingStrategy extends UnderscoreNamingStrategy {
  override indexName(tableName: string, columns: string[], type: 'primary' | 'foreign' | 'unique' | 'index' | 'sequence' | 'check' | 'default' | 'trigger'): string {
    const suffix = { foreign: 'fkey', unique: 'key', index: 'idx' }[type as string];
    if (suffix && columns.length > 0) return `${tableName}_${columns.join('_')}_${suffix}`;
    return super.indexName(tableName, columns, type);
  }
}
