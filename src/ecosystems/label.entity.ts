import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, date, datePrecision, reference, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';
import { Person } from '../people/person.entity.js';
import { Campaign } from './campaign.entity.js';
import { Ecosystem } from './ecosystem.entity.js';

/** A label an ecosystem holds for a period (the ecosystem's `position`-th). */
export const Label = defineEntity({
  name: 'Label',
  tableName: 'label',
  properties: {
    id: uuidKey(),
    ecosystemId: reference(Ecosystem, 'ecosystem_id').deleteRule('cascade'),
    position: p.integer(),
    kind: p.enum(['NATIONAL', 'CAPITAL', 'COMMUNITY', 'METROPOLE', 'THEMATIC_NETWORK', 'HUB_ABROAD'] as const).columnType('text'),
    campaignId: reference(Campaign, 'campaign_id').nullable(),
    grantedOn: date('granted_on').nullable(),
    grantedById: reference(Person, 'granted_by_id').nullable(),
    validFrom: date('valid_from'),
    validFromPrecision: datePrecision('valid_from_precision').default('DAY'),
    validTo: date('valid_to').nullable(),
    validToPrecision: datePrecision('valid_to_precision').nullable(),
    // Whether a source dates the end: without one, a label past its period is UNCONFIRMED, not EXPIRED.
    endConfirmed: p.boolean().fieldName('end_confirmed').default(false),
    status: p.enum(['ACTIVE', 'WITHDRAWN'] as const).columnType('text').default('ACTIVE'),
    theme: text('theme').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  uniques: [{ properties: ['ecosystemId', 'position'] }],
  checks: [{ name: 'label_check', expression: '((valid_to IS NULL) OR (valid_to >= valid_from))' }],
  indexes: [
    { name: 'label_validity_idx', properties: ['kind', 'validFrom', 'validTo'] },
    { name: 'label_campaign_idx', properties: ['campaignId'] },
  ],
});
export type Label = InferEntity<typeof Label>;
