import { Migration } from '@mikro-orm/migrations';

/**
 * What admins need: API tokens (only a hash is stored), the audit trail of every change, and an
 * archive mark on editable records (archived records leave the public API but are never deleted).
 */
export class Migration20261123200000_admin extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table api_token (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        role text not null check (role in ('viewer', 'editor', 'admin')),
        secret_hash text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    this.addSql(`
      create table audit_entry (
        id uuid primary key default gen_random_uuid(),
        at timestamptz not null default now(),
        token_id uuid references api_token (id),
        author text not null,
        action text not null,
        record_type text not null,
        record_id uuid not null,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    this.addSql(`create index audit_entry_record_idx on audit_entry (record_id, at desc)`);
    this.addSql(`create index audit_entry_at_idx on audit_entry (at desc, id desc)`);
    for (const table of ['association', 'hub', 'programme', 'institution', 'event', 'figure', 'source', 'role', 'person', 'partnership']) {
      this.addSql(`alter table ${table} add column archived_at timestamptz`);
    }
    this.addSql(`alter table role add column version int not null default 1`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table role drop column version`);
    for (const table of ['association', 'hub', 'programme', 'institution', 'event', 'figure', 'source', 'role', 'person', 'partnership']) {
      this.addSql(`alter table ${table} drop column archived_at`);
    }
    this.addSql(`drop table audit_entry`);
    this.addSql(`drop table api_token`);
  }
}
