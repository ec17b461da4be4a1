import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the loaders that look records up by a reference rather than by id: programmes by
 * operator (the national map: associations → programmes), institutions by parent, labels by campaign,
 * ecosystems by seat, citations by source.
 */
export class Migration20261123210000_reverse_lookup_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index programme_operator_idx on programme (operator_id)`);
    this.addSql(`create index institution_parent_idx on institution (parent_id)`);
    this.addSql(`create index label_campaign_idx on label (campaign_id)`);
    this.addSql(`create index ecosystem_seat_idx on ecosystem (seat_id)`);
    this.addSql(`create index citation_source_idx on citation (source_id)`);
  }

  override async down(): Promise<void> {
    for (const index of ['programme_operator_idx', 'institution_parent_idx', 'label_campaign_idx', 'ecosystem_seat_idx', 'citation_source_idx']) {
      this.addSql(`drop index if exists ${index}`);
    }
  }
}
