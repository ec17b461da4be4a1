import { defineEntity, p } from '@mikro-orm/core';
import { date, editableColumns, notArchived, text, uuidKey } from '../database/columns.js';

/** A partner (association or institution) supporting a target, keyed by what it says (`partner>target:role`). */
export const Partnership = defineEntity({
  name: 'Partnership',
  tableName: 'partnership',
  properties: {
    id: uuidKey(),
    key: text('key').unique(),
    partnerType: p.enum(['Association', 'Institution'] as const).columnType('text').fieldName('partner_type'),
    partnerId: p.uuid().fieldName('partner_id'),
    targetType: p.enum(['Ecosystem', 'Association', 'Programme', 'Event', 'Institution'] as const).columnType('text').fieldName('target_type'),
    targetId: p.uuid().fieldName('target_id'),
    role: text('role'),
    validFrom: date('valid_from').nullable(),
    validTo: date('valid_to').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    ...editableColumns(),
  },
  indexes: [
    { name: 'partnership_partner_idx', properties: ['partnerId'] },
    { name: 'partnership_target_idx', properties: ['targetId'] },
  ],
  filters: notArchived,
});
