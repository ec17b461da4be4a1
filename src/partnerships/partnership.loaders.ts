import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { sqlByKeys } from '../database/sql.js';
import type { Partnership } from './partnership.types.js';

export const PARTNERSHIP_COLUMNS = `p.id, p.key, p.partner_type, p.partner_id, p.target_type, p.target_id, p.role, p.valid_from::text, p.valid_to::text, p.note, p.note_en`;
export interface PartnershipRow {
  id: string; key: string; partner_type: string; partner_id: string; target_type: string; target_id: string; role: string;
  valid_from: string | null; valid_to: string | null; note: string | null; note_en: string | null;
}
export type PartnershipNode = Partnership & { uuid: string; partnerType: string; partnerId: string; targetType: string; targetId: string };

export function toPartnership(r: PartnershipRow): PartnershipNode {
  return asNode('Partnership', {
    id: r.id, partnerType: r.partner_type, partnerId: r.partner_id, targetType: r.target_type, targetId: r.target_id,
    role: r.role, validFrom: r.valid_from, validTo: r.valid_to, note: r.note, noteEn: r.note_en,
  }) as unknown as PartnershipNode;
}

export const partnershipById = defineLoader<string, PartnershipNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<PartnershipRow>(ctx.em, `select ${PARTNERSHIP_COLUMNS} from partnership p where p.id = any($1::uuid[]) and p.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toPartnership), (p) => p.uuid);
});

/**
 * Partnerships a record takes part in, as partner or as target (by its uuid), oldest first. One
 * statement for a whole list; each row is filed under both of its ends when both were asked.
 */
export const partnershipsByParty = defineLoader<string, (PartnershipNode & { side: 'PARTNER' | 'TARGET' })[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<PartnershipRow & { party_id: string; side: 'PARTNER' | 'TARGET' }>(ctx.em,
    `select x.party_id, x.side, ${PARTNERSHIP_COLUMNS} from (
       select p.partner_id as party_id, 'PARTNER' as side, p.id as pid from partnership p where p.partner_id = any($1::uuid[])
       union all
       select p.target_id, 'TARGET', p.id from partnership p where p.target_id = any($1::uuid[])
     ) x join partnership p on p.id = x.pid and p.archived_at is null
     order by x.party_id, p.valid_from nulls first, p.key`, [ids]);
  return groupByKey(ids, rows, (r) => r.party_id).map((g) => g.map((r) => ({ ...toPartnership(r), side: r.side })));
});
